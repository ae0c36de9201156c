package io.wsstack.conformance.cases;

import static io.wsstack.conformance.wire.Frame.PING;
import static io.wsstack.conformance.wire.Frame.PONG;

import io.wsstack.conformance.target.EchoTarget;
import io.wsstack.conformance.wire.Expect;
import io.wsstack.conformance.wire.RawClient;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.DisplayName;

/** Autobahn 2.x: pings are answered with pongs carrying the same payload, pongs are not answered (RFC 6455 §5.5.2–3). */
class PingPongCases extends CaseSupport {

    private static void pingAnswered(EchoTarget target, byte[] payload, int chop) throws Exception {
        try (RawClient c = connect(target)) {
            byte[] ping = c.frames().frame(PING, payload);
            if (chop > 0) {
                c.sendInChops(ping, chop);
            } else {
                c.send(ping);
            }
            Expect.pong(c, payload);
            Expect.cleanClose(c);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 2.1 / RFC 6455 §5.5.2: ping without payload → pong without payload")
    void case_2_1_pingEmpty(EchoTarget target) throws Exception {
        pingAnswered(target, new byte[0], 0);
    }

    @AutobahnCase @DisplayName("Autobahn 2.2 / RFC 6455 §5.5.3: ping with text payload → pong with the same payload")
    void case_2_2_pingTextPayload(EchoTarget target) throws Exception {
        pingAnswered(target, utf8("Hello, world!"), 0);
    }

    @AutobahnCase @DisplayName("Autobahn 2.3 / RFC 6455 §5.5.3: ping with binary payload → pong with the same payload")
    void case_2_3_pingBinaryPayload(EchoTarget target) throws Exception {
        pingAnswered(target, hex("0000fefeffff"), 0);
    }

    @AutobahnCase @DisplayName("Autobahn 2.4 / RFC 6455 §5.5: ping with 125-byte payload → pong with it")
    void case_2_4_ping125(EchoTarget target) throws Exception {
        pingAnswered(target, filled(125, 0xFE), 0);
    }

    @AutobahnCase @DisplayName("Autobahn 2.5 / RFC 6455 §5.5: ping with 126-byte payload → 1002")
    void case_2_5_ping126Fails(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.send(c.frames().frame(true, 0, PING, filled(126, 0xFE), 16));
            Expect.failure(c, 1002);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 2.6 / RFC 6455 §5.5.2: 125-byte ping written one byte at a time → pong")
    void case_2_6_ping125InOneByteChops(EchoTarget target) throws Exception {
        pingAnswered(target, filled(125, 0xFE), 1);
    }

    @AutobahnCase @DisplayName("Autobahn 2.7 / RFC 6455 §5.5.3: unsolicited empty pong → no answer")
    void case_2_7_unsolicitedPongEmpty(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.sendFrame(PONG, new byte[0]);
            Expect.cleanClose(c);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 2.8 / RFC 6455 §5.5.3: unsolicited pong with payload → no answer")
    void case_2_8_unsolicitedPongWithPayload(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.sendFrame(PONG, utf8("unsolicited pong payload"));
            Expect.cleanClose(c);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 2.9 / RFC 6455 §5.5.3: unsolicited pong, then ping → only the ping is answered")
    void case_2_9_unsolicitedPongThenPing(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.sendFrame(PONG, utf8("unsolicited pong payload"));
            c.sendFrame(PING, utf8("ping payload"));
            Expect.pong(c, utf8("ping payload"));
            Expect.cleanClose(c);
        }
    }

    private static void tenPings(EchoTarget target, int chop) throws Exception {
        try (RawClient c = connect(target)) {
            ByteArrayOutputStream pings = new ByteArrayOutputStream();
            for (int i = 0; i < 10; i++) {
                pings.writeBytes(c.frames().frame(PING, utf8("payload-" + i)));
            }
            if (chop > 0) {
                c.sendInChops(pings.toByteArray(), chop);
            } else {
                c.send(pings.toByteArray());
            }
            // Strict: every ping gets its own pong, in order (Autobahn accepts "at least the last").
            for (int i = 0; i < 10; i++) {
                Expect.pong(c, utf8("payload-" + i));
            }
            Expect.cleanClose(c);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 2.10 / RFC 6455 §5.5.3: ten pings → ten pongs in order")
    void case_2_10_tenPings(EchoTarget target) throws Exception {
        tenPings(target, 0);
    }

    @AutobahnCase @DisplayName("Autobahn 2.11 / RFC 6455 §5.5.3: ten pings written one byte at a time → ten pongs in order")
    void case_2_11_tenPingsInOneByteChops(EchoTarget target) throws Exception {
        tenPings(target, 1);
    }
}
