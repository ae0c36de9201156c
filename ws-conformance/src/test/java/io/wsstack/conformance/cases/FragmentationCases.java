package io.wsstack.conformance.cases;

import static io.wsstack.conformance.wire.Frame.CONTINUATION;
import static io.wsstack.conformance.wire.Frame.PING;
import static io.wsstack.conformance.wire.Frame.PONG;
import static io.wsstack.conformance.wire.Frame.TEXT;

import io.wsstack.conformance.target.EchoTarget;
import io.wsstack.conformance.wire.Expect;
import io.wsstack.conformance.wire.FrameWriter;
import io.wsstack.conformance.wire.RawClient;
import org.junit.jupiter.api.DisplayName;

/**
 * Autobahn 5.x: fragmented messages (RFC 6455 §5.4). Control frames may not be fragmented, may
 * appear between fragments and are answered at once; a continuation needs a message in progress; a
 * new data frame may not start inside one. "Chops" are how the bytes are cut into TCP writes:
 * whole, one frame per write, or one byte per write; the outcome must not depend on it.
 */
class FragmentationCases extends CaseSupport {

    /** How the bytes of a case are cut into writes. */
    private enum Chops { ONE_WRITE, PER_FRAME, PER_BYTE }

    private static void send(RawClient c, Chops chops, byte[]... frames) throws Exception {
        switch (chops) {
            case ONE_WRITE -> c.sendInChopsUntilClosed(concat(frames), Integer.MAX_VALUE);
            case PER_FRAME -> {
                for (byte[] f : frames) {
                    c.sendInChopsUntilClosed(f, Integer.MAX_VALUE);
                }
            }
            case PER_BYTE -> c.sendInChopsUntilClosed(concat(frames), 1);
        }
    }

    private static void fragmentedControl(EchoTarget target, int opcode) throws Exception {
        try (RawClient c = connect(target)) {
            FrameWriter w = c.frames();
            send(c, Chops.ONE_WRITE, w.frame(false, 0, opcode, utf8("fragment1")), w.frame(true, 0, CONTINUATION, utf8("fragment2")));
            Expect.failure(c, 1002);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 5.1 / RFC 6455 §5.5: ping in two fragments → 1002")
    void case_5_1_fragmentedPing(EchoTarget target) throws Exception {
        fragmentedControl(target, PING);
    }

    @AutobahnCase @DisplayName("Autobahn 5.2 / RFC 6455 §5.5: pong in two fragments → 1002")
    void case_5_2_fragmentedPong(EchoTarget target) throws Exception {
        fragmentedControl(target, PONG);
    }

    private static void twoFragments(EchoTarget target, Chops chops) throws Exception {
        try (RawClient c = connect(target)) {
            FrameWriter w = c.frames();
            send(c, chops, w.frame(false, 0, TEXT, utf8("fragment1")), w.frame(true, 0, CONTINUATION, utf8("fragment2")));
            Expect.echoText(c, "fragment1fragment2");
            Expect.cleanClose(c);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 5.3 / RFC 6455 §5.4: text in two fragments → one echoed message")
    void case_5_3_textInTwoFragments(EchoTarget target) throws Exception {
        twoFragments(target, Chops.ONE_WRITE);
    }

    @AutobahnCase @DisplayName("Autobahn 5.4 / RFC 6455 §5.4: as 5.3, one byte per write")
    void case_5_4_textInTwoFragmentsPerByte(EchoTarget target) throws Exception {
        twoFragments(target, Chops.PER_BYTE);
    }

    @AutobahnCase @DisplayName("Autobahn 5.5 / RFC 6455 §5.4: as 5.3, one frame per write")
    void case_5_5_textInTwoFragmentsPerFrame(EchoTarget target) throws Exception {
        twoFragments(target, Chops.PER_FRAME);
    }

    private static void pingBetweenFragments(EchoTarget target, Chops chops) throws Exception {
        try (RawClient c = connect(target)) {
            FrameWriter w = c.frames();
            send(c, chops, w.frame(false, 0, TEXT, utf8("fragment1")), w.frame(PING, utf8("ping payload")),
                    w.frame(true, 0, CONTINUATION, utf8("fragment2")));
            Expect.pong(c, utf8("ping payload"));
            Expect.echoText(c, "fragment1fragment2");
            Expect.cleanClose(c);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 5.6 / RFC 6455 §5.4: ping between two text fragments → pong, then the echo")
    void case_5_6_pingBetweenFragments(EchoTarget target) throws Exception {
        pingBetweenFragments(target, Chops.ONE_WRITE);
    }

    @AutobahnCase @DisplayName("Autobahn 5.7 / RFC 6455 §5.4: as 5.6, one byte per write")
    void case_5_7_pingBetweenFragmentsPerByte(EchoTarget target) throws Exception {
        pingBetweenFragments(target, Chops.PER_BYTE);
    }

    @AutobahnCase @DisplayName("Autobahn 5.8 / RFC 6455 §5.4: as 5.6, one frame per write")
    void case_5_8_pingBetweenFragmentsPerFrame(EchoTarget target) throws Exception {
        pingBetweenFragments(target, Chops.PER_FRAME);
    }

    /** A continuation with nothing to continue, then a complete text message: 1002, no echo. */
    private static void continuationFirst(EchoTarget target, boolean fin, Chops chops) throws Exception {
        try (RawClient c = connect(target)) {
            FrameWriter w = c.frames();
            send(c, chops, w.frame(fin, 0, CONTINUATION, utf8("non-continuation payload")), w.frame(TEXT, utf8("Hello, world!")));
            Expect.failure(c, 1002);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 5.9 / RFC 6455 §5.4: final continuation with nothing to continue → 1002")
    void case_5_9_finalContinuationFirst(EchoTarget target) throws Exception {
        continuationFirst(target, true, Chops.ONE_WRITE);
    }

    @AutobahnCase @DisplayName("Autobahn 5.10 / RFC 6455 §5.4: as 5.9, one frame per write")
    void case_5_10_finalContinuationFirstPerFrame(EchoTarget target) throws Exception {
        continuationFirst(target, true, Chops.PER_FRAME);
    }

    @AutobahnCase @DisplayName("Autobahn 5.11 / RFC 6455 §5.4: as 5.9, one byte per write")
    void case_5_11_finalContinuationFirstPerByte(EchoTarget target) throws Exception {
        continuationFirst(target, true, Chops.PER_BYTE);
    }

    @AutobahnCase @DisplayName("Autobahn 5.12 / RFC 6455 §5.4: non-final continuation with nothing to continue → 1002")
    void case_5_12_continuationFirst(EchoTarget target) throws Exception {
        continuationFirst(target, false, Chops.ONE_WRITE);
    }

    @AutobahnCase @DisplayName("Autobahn 5.13 / RFC 6455 §5.4: as 5.12, one frame per write")
    void case_5_13_continuationFirstPerFrame(EchoTarget target) throws Exception {
        continuationFirst(target, false, Chops.PER_FRAME);
    }

    @AutobahnCase @DisplayName("Autobahn 5.14 / RFC 6455 §5.4: as 5.12, one byte per write")
    void case_5_14_continuationFirstPerByte(EchoTarget target) throws Exception {
        continuationFirst(target, false, Chops.PER_BYTE);
    }

    @AutobahnCase @DisplayName("Autobahn 5.15 / RFC 6455 §5.4: a whole fragmented message, then a stray continuation → echo, then 1002")
    void case_5_15_strayContinuationAfterMessage(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            FrameWriter w = c.frames();
            send(c, Chops.ONE_WRITE, w.frame(false, 0, TEXT, utf8("fragment1")), w.frame(true, 0, CONTINUATION, utf8("fragment2")),
                    w.frame(false, 0, CONTINUATION, utf8("fragment3")), w.frame(true, 0, TEXT, utf8("fragment4")));
            Expect.echoText(c, "fragment1fragment2");
            Expect.failure(c, 1002);
        }
    }

    private static void strayContinuationTwice(EchoTarget target, boolean fin) throws Exception {
        try (RawClient c = connect(target)) {
            FrameWriter w = c.frames();
            byte[] round = concat(w.frame(fin, 0, CONTINUATION, utf8("fragment1")), w.frame(false, 0, TEXT, utf8("fragment2")),
                    w.frame(true, 0, CONTINUATION, utf8("fragment3")));
            send(c, Chops.ONE_WRITE, round, round);
            Expect.failure(c, 1002);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 5.16 / RFC 6455 §5.4: twice (stray non-final continuation, fragmented text) → 1002 at once")
    void case_5_16_strayContinuationTwice(EchoTarget target) throws Exception {
        strayContinuationTwice(target, false);
    }

    @AutobahnCase @DisplayName("Autobahn 5.17 / RFC 6455 §5.4: twice (stray final continuation, fragmented text) → 1002 at once")
    void case_5_17_strayFinalContinuationTwice(EchoTarget target) throws Exception {
        strayContinuationTwice(target, true);
    }

    @AutobahnCase @DisplayName("Autobahn 5.18 / RFC 6455 §5.4: second fragment with the text opcode instead of continuation → 1002")
    void case_5_18_twoTextOpcodes(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            FrameWriter w = c.frames();
            send(c, Chops.ONE_WRITE, w.frame(false, 0, TEXT, utf8("fragment1")), w.frame(true, 0, TEXT, utf8("fragment2")));
            Expect.failure(c, 1002);
        }
    }

    /**
     * Five fragments with two pings among them; each pong must come back while the message is still
     * open, before the fragments after it are even sent (Autobahn waits a second instead).
     */
    private static void pingsWhileFragmenting(EchoTarget target, Chops chops) throws Exception {
        try (RawClient c = connect(target)) {
            FrameWriter w = c.frames();
            send(c, chops, w.frame(false, 0, TEXT, utf8("fragment1")), w.frame(false, 0, CONTINUATION, utf8("fragment2")),
                    w.frame(PING, utf8("pongme 1!")));
            Expect.pong(c, utf8("pongme 1!"));
            send(c, chops, w.frame(false, 0, CONTINUATION, utf8("fragment3")), w.frame(false, 0, CONTINUATION, utf8("fragment4")),
                    w.frame(PING, utf8("pongme 2!")));
            Expect.pong(c, utf8("pongme 2!"));
            send(c, chops, w.frame(true, 0, CONTINUATION, utf8("fragment5")));
            Expect.echoText(c, "fragment1fragment2fragment3fragment4fragment5");
            Expect.cleanClose(c);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 5.19 / RFC 6455 §5.4: pings inside a five-fragment text are answered at once, then the echo")
    void case_5_19_pingsWhileFragmenting(EchoTarget target) throws Exception {
        pingsWhileFragmenting(target, Chops.ONE_WRITE);
    }

    @AutobahnCase @DisplayName("Autobahn 5.20 / RFC 6455 §5.4: as 5.19, one frame per write")
    void case_5_20_pingsWhileFragmentingPerFrame(EchoTarget target) throws Exception {
        pingsWhileFragmenting(target, Chops.PER_FRAME);
    }
}
