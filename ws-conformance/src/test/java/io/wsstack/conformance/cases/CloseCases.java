package io.wsstack.conformance.cases;

import static io.wsstack.conformance.wire.Frame.CLOSE;
import static io.wsstack.conformance.wire.Frame.CONTINUATION;
import static io.wsstack.conformance.wire.Frame.PING;
import static io.wsstack.conformance.wire.Frame.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.conformance.target.EchoTarget;
import io.wsstack.conformance.wire.Expect;
import io.wsstack.conformance.wire.FrameWriter;
import io.wsstack.conformance.wire.Message;
import io.wsstack.conformance.wire.RawClient;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn 7.x: the closing handshake (RFC 6455 §5.5.1, §7). After the peer's Close nothing is
 * processed; the Close body is empty or a valid code plus a UTF-8 reason of at most 123 bytes;
 * codes that may not appear on the wire fail with 1002 (§7.4).
 */
class CloseCases extends CaseSupport {

    @AutobahnCase @DisplayName("Autobahn 7.1.1 / RFC 6455 §7.1.2: a message, then Close → echo, then Close 1000 and TCP end")
    void case_7_1_1_messageThenClose(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.sendFrame(TEXT, utf8("Hello World!"));
            Expect.echoText(c, "Hello World!");
            Expect.cleanClose(c);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 7.1.2 / RFC 6455 §5.5.1: two Close frames → one Close echo, the second is ignored")
    void case_7_1_2_twoCloses(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            FrameWriter w = c.frames();
            c.send(concat(w.frame(CLOSE, FrameWriter.closeBody(1000, new byte[0])), w.frame(CLOSE, FrameWriter.closeBody(1000, new byte[0]))));
            Expect.closeEcho(c, 1000);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 7.1.3 / RFC 6455 §5.5.1: a ping after Close → no pong")
    void case_7_1_3_pingAfterClose(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            FrameWriter w = c.frames();
            c.send(concat(w.frame(CLOSE, FrameWriter.closeBody(1000, new byte[0])), w.frame(PING, utf8("Hello World!"))));
            Expect.closeEcho(c, 1000);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 7.1.4 / RFC 6455 §5.5.1: a text after Close → no echo")
    void case_7_1_4_textAfterClose(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            FrameWriter w = c.frames();
            c.send(concat(w.frame(CLOSE, FrameWriter.closeBody(1000, new byte[0])), w.frame(TEXT, utf8("Hello World!"))));
            Expect.closeEcho(c, 1000);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 7.1.5 / RFC 6455 §5.5.1: first fragment, Close, last fragment → Close echo, no message")
    void case_7_1_5_closeInsideFragmentedMessage(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            FrameWriter w = c.frames();
            c.send(concat(w.frame(false, 0, TEXT, utf8("fragment1")), w.frame(CLOSE, FrameWriter.closeBody(1000, new byte[0])),
                    w.frame(true, 0, CONTINUATION, utf8("fragment2"))));
            Expect.closeEcho(c, 1000);
        }
    }

    /**
     * Autobahn rates this case INFORMATIONAL: whether the echo of the large message is written
     * before the Close echo depends on the implementation's processing model. Held here: either
     * the whole echo then Close 1000, or Close 1000 alone — never a partial message, never a pong.
     */
    @AutobahnCase @DisplayName("Autobahn 7.1.6 / RFC 6455 §7.1.2: a 256 KiB text, Close, ping → (whole echo,) Close 1000, no pong")
    void case_7_1_6_largeMessageThenCloseThenPing(EchoTarget target) throws Exception {
        byte[] big = filled(256 * 1024, 'B');
        try (RawClient c = connect(target)) {
            FrameWriter w = c.frames();
            c.send(concat(w.frame(TEXT, big), w.frame(CLOSE, FrameWriter.closeBody(1000, new byte[0])), w.frame(PING, utf8("ping"))));
            Message first = c.nextMessage();
            if (first.opcode() == CLOSE) {
                assertThat(first.closeFrame().closeCode()).isEqualTo(1000);
                assertThat(c.awaitEndOfStream()).as("end of the TCP connection").isNull();
                return;
            }
            assertThat(first.opcode()).isEqualTo(TEXT);
            assertThat(first.payload()).isEqualTo(big);
            Expect.closeEcho(c, 1000);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 7.3.1 / RFC 6455 §5.5.1: empty Close → empty Close echo (code 1005 on our side)")
    void case_7_3_1_closeWithEmptyPayload(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.sendFrame(CLOSE, new byte[0]);
            Expect.closeEcho(c, 1005);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 7.3.2 / RFC 6455 §5.5.1: Close with a 1-byte payload → 1002")
    void case_7_3_2_closeWithOneBytePayload(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.sendFrame(CLOSE, hex("03"));
            Expect.failure(c, 1002);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 7.3.3 / RFC 6455 §5.5.1: Close 1000 without reason → Close 1000")
    void case_7_3_3_closeWithCodeOnly(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            Expect.cleanClose(c);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 7.3.4 / RFC 6455 §5.5.1: Close 1000 with a reason → Close 1000")
    void case_7_3_4_closeWithReason(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.sendFrame(CLOSE, FrameWriter.closeBody(1000, utf8("Hello World!")));
            Expect.closeEcho(c, 1000);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 7.3.5 / RFC 6455 §5.5: Close with a 123-byte reason (payload 125) → Close 1000")
    void case_7_3_5_closeWithLongestReason(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.sendFrame(CLOSE, FrameWriter.closeBody(1000, filled(123, '*')));
            Expect.closeEcho(c, 1000);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 7.3.6 / RFC 6455 §5.5: Close with a 124-byte reason (payload 126) → 1002")
    void case_7_3_6_closeWithTooLongReason(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.send(c.frames().frame(true, 0, CLOSE, FrameWriter.closeBody(1000, filled(124, '*')), 16));
            Expect.failure(c, 1002);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 7.5.1 / RFC 6455 §5.5.1: Close reason that is not UTF-8 → 1007")
    void case_7_5_1_closeReasonNotUtf8(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.sendFrame(CLOSE, FrameWriter.closeBody(1000, hex("cebae1bdb9cf83cebcceb5eda080656469746564")));
            Expect.failure(c, 1007);
        }
    }

    @ParameterizedTest(name = "Autobahn 7.7.{index}: code {0} [{1}]", autoCloseArguments = false)
    @MethodSource("validCodes")
    @Tag("conformance")
    @DisplayName("Autobahn 7.7.x / RFC 6455 §7.4.1-2: Close with a valid code → Close echo with the same code")
    void case_7_7_x_validCloseCodes(int code, EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.sendClose(code);
            Expect.closeEcho(c, code);
        }
    }

    @ParameterizedTest(name = "Autobahn 7.9.{index}: code {0} [{1}]", autoCloseArguments = false)
    @MethodSource("invalidCodes")
    @Tag("conformance")
    @DisplayName("Autobahn 7.9.x / RFC 6455 §7.4: Close with a code not allowed on the wire → 1002")
    void case_7_9_x_invalidCloseCodes(int code, EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.sendClose(code);
            Expect.failure(c, 1002);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 7.13.1 / RFC 6455 §7.4.2: Close code 5000 (above the private range) → 1002")
    void case_7_13_1_closeCode5000(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.sendClose(5000);
            Expect.failure(c, 1002);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 7.13.2 / RFC 6455 §7.4.2: Close code 65535 → 1002")
    void case_7_13_2_closeCode65535(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.sendClose(65535);
            Expect.failure(c, 1002);
        }
    }

    static Stream<Arguments> validCodes() {
        return codesOnTargets(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999);
    }

    static Stream<Arguments> invalidCodes() {
        return codesOnTargets(0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999);
    }
}
