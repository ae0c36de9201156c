package io.wsstack.conformance.cases;

import static io.wsstack.conformance.wire.Frame.PING;
import static io.wsstack.conformance.wire.Frame.TEXT;

import io.wsstack.conformance.target.EchoTarget;
import io.wsstack.conformance.wire.Expect;
import io.wsstack.conformance.wire.FrameWriter;
import io.wsstack.conformance.wire.RawClient;
import org.junit.jupiter.api.DisplayName;

/** Autobahn 4.x: reserved opcodes 0x3–0x7 and 0xB–0xF fail the connection with 1002 (RFC 6455 §5.2). */
class OpcodeCases extends CaseSupport {

    private static void alone(EchoTarget target, int opcode, byte[] payload) throws Exception {
        try (RawClient c = connect(target)) {
            c.sendFrame(opcode, payload);
            Expect.failure(c, 1002);
        }
    }

    /** Text, reserved opcode, ping: echo, then 1002, and the ping is never answered. */
    private static void afterEcho(EchoTarget target, int opcode, byte[] payload, int chop) throws Exception {
        try (RawClient c = connect(target)) {
            FrameWriter w = c.frames();
            byte[] all = concat(w.frame(TEXT, utf8("Hello, world!")), w.frame(opcode, payload), w.frame(PING, new byte[0]));
            c.sendInChopsUntilClosed(all, chop > 0 ? chop : all.length);
            Expect.echoText(c, "Hello, world!");
            Expect.failure(c, 1002);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 4.1.1 / RFC 6455 §5.2: reserved data opcode 3 → 1002")
    void case_4_1_1_opcode3(EchoTarget target) throws Exception {
        alone(target, 3, new byte[0]);
    }

    @AutobahnCase @DisplayName("Autobahn 4.1.2 / RFC 6455 §5.2: reserved data opcode 4 with payload → 1002")
    void case_4_1_2_opcode4WithPayload(EchoTarget target) throws Exception {
        alone(target, 4, utf8("reserved opcode payload"));
    }

    @AutobahnCase @DisplayName("Autobahn 4.1.3 / RFC 6455 §5.2: text, opcode 5, ping → echo, 1002, no pong")
    void case_4_1_3_textThenOpcode5(EchoTarget target) throws Exception {
        afterEcho(target, 5, new byte[0], 0);
    }

    @AutobahnCase @DisplayName("Autobahn 4.1.4 / RFC 6455 §5.2: text, opcode 6 with payload, ping → echo, 1002, no pong")
    void case_4_1_4_textThenOpcode6WithPayload(EchoTarget target) throws Exception {
        afterEcho(target, 6, utf8("reserved opcode payload"), 0);
    }

    @AutobahnCase @DisplayName("Autobahn 4.1.5 / RFC 6455 §5.2: as 4.1.4 with opcode 7, one byte at a time → echo, 1002")
    void case_4_1_5_textThenOpcode7InOneByteChops(EchoTarget target) throws Exception {
        afterEcho(target, 7, utf8("reserved opcode payload"), 1);
    }

    @AutobahnCase @DisplayName("Autobahn 4.2.1 / RFC 6455 §5.2: reserved control opcode 11 → 1002")
    void case_4_2_1_opcode11(EchoTarget target) throws Exception {
        alone(target, 11, new byte[0]);
    }

    @AutobahnCase @DisplayName("Autobahn 4.2.2 / RFC 6455 §5.2: reserved control opcode 12 with payload → 1002")
    void case_4_2_2_opcode12WithPayload(EchoTarget target) throws Exception {
        alone(target, 12, utf8("reserved opcode payload"));
    }

    @AutobahnCase @DisplayName("Autobahn 4.2.3 / RFC 6455 §5.2: text, opcode 13, ping → echo, 1002, no pong")
    void case_4_2_3_textThenOpcode13(EchoTarget target) throws Exception {
        afterEcho(target, 13, new byte[0], 0);
    }

    @AutobahnCase @DisplayName("Autobahn 4.2.4 / RFC 6455 §5.2: text, opcode 14 with payload, ping → echo, 1002, no pong")
    void case_4_2_4_textThenOpcode14WithPayload(EchoTarget target) throws Exception {
        afterEcho(target, 14, utf8("reserved opcode payload"), 0);
    }

    @AutobahnCase @DisplayName("Autobahn 4.2.5 / RFC 6455 §5.2: as 4.2.4 with opcode 15, one byte at a time → echo, 1002")
    void case_4_2_5_textThenOpcode15InOneByteChops(EchoTarget target) throws Exception {
        afterEcho(target, 15, utf8("reserved opcode payload"), 1);
    }
}
