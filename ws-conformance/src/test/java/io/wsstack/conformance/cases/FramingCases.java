package io.wsstack.conformance.cases;

import static io.wsstack.conformance.wire.Frame.BINARY;
import static io.wsstack.conformance.wire.Frame.TEXT;

import io.wsstack.conformance.target.EchoTarget;
import io.wsstack.conformance.wire.Expect;
import io.wsstack.conformance.wire.RawClient;
import org.junit.jupiter.api.DisplayName;

/** Autobahn 1.x: text and binary messages of every length form (RFC 6455 §5.2), echoed. */
class FramingCases extends CaseSupport {

    private static void echoes(EchoTarget target, int opcode, byte[] payload, int chop) throws Exception {
        try (RawClient c = connect(target)) {
            byte[] frame = c.frames().frame(opcode, payload);
            if (chop > 0) {
                c.sendInChops(frame, chop);
            } else {
                c.send(frame);
            }
            Expect.echo(c, opcode, payload);
            Expect.cleanClose(c);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 1.1.1 / RFC 6455 §5.6: empty text message is echoed")
    void case_1_1_1_textEmpty(EchoTarget target) throws Exception {
        echoes(target, TEXT, new byte[0], 0);
    }

    @AutobahnCase @DisplayName("Autobahn 1.1.2 / RFC 6455 §5.2: text of 125 bytes (7-bit length) is echoed")
    void case_1_1_2_text125(EchoTarget target) throws Exception {
        echoes(target, TEXT, filled(125, '*'), 0);
    }

    @AutobahnCase @DisplayName("Autobahn 1.1.3 / RFC 6455 §5.2: text of 126 bytes (16-bit length) is echoed")
    void case_1_1_3_text126(EchoTarget target) throws Exception {
        echoes(target, TEXT, filled(126, '*'), 0);
    }

    @AutobahnCase @DisplayName("Autobahn 1.1.4 / RFC 6455 §5.2: text of 127 bytes is echoed")
    void case_1_1_4_text127(EchoTarget target) throws Exception {
        echoes(target, TEXT, filled(127, '*'), 0);
    }

    @AutobahnCase @DisplayName("Autobahn 1.1.5 / RFC 6455 §5.2: text of 128 bytes is echoed")
    void case_1_1_5_text128(EchoTarget target) throws Exception {
        echoes(target, TEXT, filled(128, '*'), 0);
    }

    @AutobahnCase @DisplayName("Autobahn 1.1.6 / RFC 6455 §5.2: text of 65535 bytes (largest 16-bit length) is echoed")
    void case_1_1_6_text65535(EchoTarget target) throws Exception {
        echoes(target, TEXT, filled(65535, '*'), 0);
    }

    @AutobahnCase @DisplayName("Autobahn 1.1.7 / RFC 6455 §5.2: text of 65536 bytes (64-bit length) is echoed")
    void case_1_1_7_text65536(EchoTarget target) throws Exception {
        echoes(target, TEXT, filled(65536, '*'), 0);
    }

    @AutobahnCase @DisplayName("Autobahn 1.1.8 / RFC 6455 §5.2: text of 65536 bytes written in 997-byte chops is echoed")
    void case_1_1_8_text65536InChops(EchoTarget target) throws Exception {
        echoes(target, TEXT, filled(65536, '*'), 997);
    }

    @AutobahnCase @DisplayName("Autobahn 1.2.1 / RFC 6455 §5.6: empty binary message is echoed")
    void case_1_2_1_binaryEmpty(EchoTarget target) throws Exception {
        echoes(target, BINARY, new byte[0], 0);
    }

    @AutobahnCase @DisplayName("Autobahn 1.2.2 / RFC 6455 §5.2: binary of 125 bytes is echoed")
    void case_1_2_2_binary125(EchoTarget target) throws Exception {
        echoes(target, BINARY, counting(125), 0);
    }

    @AutobahnCase @DisplayName("Autobahn 1.2.3 / RFC 6455 §5.2: binary of 126 bytes is echoed")
    void case_1_2_3_binary126(EchoTarget target) throws Exception {
        echoes(target, BINARY, counting(126), 0);
    }

    @AutobahnCase @DisplayName("Autobahn 1.2.4 / RFC 6455 §5.2: binary of 127 bytes is echoed")
    void case_1_2_4_binary127(EchoTarget target) throws Exception {
        echoes(target, BINARY, counting(127), 0);
    }

    @AutobahnCase @DisplayName("Autobahn 1.2.5 / RFC 6455 §5.2: binary of 128 bytes is echoed")
    void case_1_2_5_binary128(EchoTarget target) throws Exception {
        echoes(target, BINARY, counting(128), 0);
    }

    @AutobahnCase @DisplayName("Autobahn 1.2.6 / RFC 6455 §5.2: binary of 65535 bytes is echoed")
    void case_1_2_6_binary65535(EchoTarget target) throws Exception {
        echoes(target, BINARY, counting(65535), 0);
    }

    @AutobahnCase @DisplayName("Autobahn 1.2.7 / RFC 6455 §5.2: binary of 65536 bytes is echoed")
    void case_1_2_7_binary65536(EchoTarget target) throws Exception {
        echoes(target, BINARY, counting(65536), 0);
    }

    @AutobahnCase @DisplayName("Autobahn 1.2.8 / RFC 6455 §5.2: binary of 65536 bytes written in 997-byte chops is echoed")
    void case_1_2_8_binary65536InChops(EchoTarget target) throws Exception {
        echoes(target, BINARY, counting(65536), 997);
    }
}
