package io.wsstack.conformance.cases;

import static io.wsstack.conformance.wire.Frame.BINARY;
import static io.wsstack.conformance.wire.Frame.CLOSE;
import static io.wsstack.conformance.wire.Frame.PING;
import static io.wsstack.conformance.wire.Frame.TEXT;

import io.wsstack.conformance.target.EchoTarget;
import io.wsstack.conformance.wire.Expect;
import io.wsstack.conformance.wire.FrameWriter;
import io.wsstack.conformance.wire.RawClient;
import org.junit.jupiter.api.DisplayName;

/**
 * Autobahn 3.x: a reserved bit that no negotiated extension defines fails the connection with 1002
 * (RFC 6455 §5.2), and what followed it in the same write is never processed.
 */
class ReservedBitsCases extends CaseSupport {

    /** Sends an echo-able text, then a frame with reserved bits, then a ping: echo, then 1002, no pong. */
    private static void afterEcho(EchoTarget target, int rsv, int chop) throws Exception {
        try (RawClient c = connect(target)) {
            FrameWriter w = c.frames();
            byte[] all = concat(w.frame(TEXT, utf8("Hello, world!")), w.frame(true, rsv, TEXT, utf8("Hello, world!")),
                    w.frame(PING, new byte[0]));
            c.sendInChopsUntilClosed(all, chop > 0 ? chop : all.length);
            Expect.echoText(c, "Hello, world!");
            Expect.failure(c, 1002);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 3.1 / RFC 6455 §5.2: text with RSV1 and no extension → 1002")
    void case_3_1_textWithRsv1(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.send(c.frames().frame(true, 1 << 2, TEXT, utf8("Hello, world!")));
            Expect.failure(c, 1002);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 3.2 / RFC 6455 §5.2: text, then text with RSV2 → echo, then 1002")
    void case_3_2_textThenRsv2(EchoTarget target) throws Exception {
        afterEcho(target, 2, 0);
    }

    @AutobahnCase @DisplayName("Autobahn 3.3 / RFC 6455 §5.2: text, text with RSV1+RSV2, ping → echo, 1002, no pong")
    void case_3_3_textThenRsv3ThenPing(EchoTarget target) throws Exception {
        afterEcho(target, 3, 0);
    }

    @AutobahnCase @DisplayName("Autobahn 3.4 / RFC 6455 §5.2: as 3.3 with RSV1 only, one byte at a time → echo, 1002, no pong")
    void case_3_4_textThenRsv4ThenPingInOneByteChops(EchoTarget target) throws Exception {
        afterEcho(target, 4, 1);
    }

    @AutobahnCase @DisplayName("Autobahn 3.5 / RFC 6455 §5.2: binary with RSV1+RSV3 → 1002")
    void case_3_5_binaryWithRsv5(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.send(c.frames().frame(true, 5, BINARY, counting(8)));
            Expect.failure(c, 1002);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 3.6 / RFC 6455 §5.2: ping with RSV1+RSV2 → 1002, no pong")
    void case_3_6_pingWithRsv6(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.send(c.frames().frame(true, 6, PING, utf8("Hello, world!")));
            Expect.failure(c, 1002);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 3.7 / RFC 6455 §5.2: close with all reserved bits → 1002")
    void case_3_7_closeWithRsv7(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.send(c.frames().frame(true, 7, CLOSE, FrameWriter.closeBody(1000, new byte[0])));
            Expect.failure(c, 1002);
        }
    }
}
