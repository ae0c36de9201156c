package io.wsstack.conformance.cases;

import static io.wsstack.conformance.wire.Frame.CONTINUATION;
import static io.wsstack.conformance.wire.Frame.TEXT;

import io.wsstack.conformance.target.EchoTarget;
import io.wsstack.conformance.wire.Expect;
import io.wsstack.conformance.wire.FrameWriter;
import io.wsstack.conformance.wire.RawClient;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;

/**
 * Autobahn 6.1–6.4: text must be valid UTF-8 however it is fragmented (RFC 6455 §5.6, §8.1), and
 * invalid text fails the connection with 1007 as soon as the offending byte arrives. Fail-fast is
 * held strictly: the server must answer before we send the rest of the message (Autobahn calls a
 * late failure NON-STRICT; here it is a failure).
 */
class Utf8Cases extends CaseSupport {

    /** "κόσμε" (Greek "kosme"), the classic UTF-8 test word. */
    private static final byte[] KOSME = hex("cebae1bdb9cf83cebcceb5");
    private static final String HELLO = "Hello-µ@ßöäüàá-UTF-8!!";

    @AutobahnCase @DisplayName("Autobahn 6.1.1 / RFC 6455 §5.6: empty text frame → empty echo")
    void case_6_1_1_emptyText(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.sendFrame(TEXT, new byte[0]);
            Expect.echoText(c, "");
            Expect.cleanClose(c);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 6.1.2 / RFC 6455 §5.4: text in three empty fragments → empty echo")
    void case_6_1_2_threeEmptyFragments(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            FrameWriter w = c.frames();
            c.send(concat(w.frame(false, 0, TEXT, new byte[0]), w.frame(false, 0, CONTINUATION, new byte[0]),
                    w.frame(true, 0, CONTINUATION, new byte[0])));
            Expect.echoText(c, "");
            Expect.cleanClose(c);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 6.1.3 / RFC 6455 §5.4: empty first and last fragment around a non-empty one → echo")
    void case_6_1_3_emptyOuterFragments(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            FrameWriter w = c.frames();
            c.send(concat(w.frame(false, 0, TEXT, new byte[0]), w.frame(false, 0, CONTINUATION, utf8("middle frame payload")),
                    w.frame(true, 0, CONTINUATION, new byte[0])));
            Expect.echoText(c, "middle frame payload");
            Expect.cleanClose(c);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 6.2.1 / RFC 6455 §8.1: valid UTF-8 in one frame → echo")
    void case_6_2_1_validInOneFrame(EchoTarget target) throws Exception {
        echoFragmented(target, utf8(HELLO), 0);
    }

    @AutobahnCase @DisplayName("Autobahn 6.2.2 / RFC 6455 §8.1: valid UTF-8 in two fragments split on a code point boundary → echo")
    void case_6_2_2_validSplitOnBoundary(EchoTarget target) throws Exception {
        byte[] text = utf8(HELLO);
        try (RawClient c = connect(target)) {
            FrameWriter w = c.frames();
            // "Hello-µ" is 8 bytes (µ takes two), so byte 8 is a code point boundary.
            byte[] first = Arrays.copyOf(text, 8);
            byte[] second = Arrays.copyOfRange(text, 8, text.length);
            c.send(concat(w.frame(false, 0, TEXT, first), w.frame(true, 0, CONTINUATION, second)));
            Expect.echo(c, TEXT, text);
            Expect.cleanClose(c);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 6.2.3 / RFC 6455 §8.1: valid UTF-8 in one-byte fragments (split inside code points) → echo")
    void case_6_2_3_validInOneByteFragments(EchoTarget target) throws Exception {
        echoFragmented(target, utf8(HELLO), 1);
    }

    @AutobahnCase @DisplayName("Autobahn 6.2.4 / RFC 6455 §8.1: \"κόσμε\" in one-byte fragments → echo")
    void case_6_2_4_kosmeInOneByteFragments(EchoTarget target) throws Exception {
        echoFragmented(target, KOSME, 1);
    }

    @AutobahnCase @DisplayName("Autobahn 6.3.1 / RFC 6455 §8.1: invalid UTF-8 (a surrogate) in one frame → 1007")
    void case_6_3_1_invalidInOneFrame(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.sendFrame(TEXT, concat(KOSME, hex("eda080"), utf8("edited")));
            Expect.failure(c, 1007);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 6.3.2 / RFC 6455 §8.1: the same invalid UTF-8 in one-byte fragments → 1007")
    void case_6_3_2_invalidInOneByteFragments(EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.sendInChopsUntilClosed(fragments(c.frames(), concat(KOSME, hex("eda080"), utf8("edited")), 1), Integer.MAX_VALUE);
            Expect.failure(c, 1007);
        }
    }

    /**
     * Three frames: valid, invalid, rest. The third is only sent after the 1007 arrived, so a
     * server that waits for the end of the message times out the read and fails the case.
     */
    private static void failFastAcrossFrames(EchoTarget target, byte[] part1, byte[] part2, byte[] part3) throws Exception {
        try (RawClient c = connect(target)) {
            FrameWriter w = c.frames();
            c.send(w.frame(false, 0, TEXT, part1));
            c.send(w.frame(false, 0, CONTINUATION, part2));
            Expect.failure(c, 1007);
            c.sendQuietly(w.frame(true, 0, CONTINUATION, part3));
        }
    }

    /** One frame whose payload is written in three pieces; the 1007 must come before the third piece is sent. */
    private static void failFastInsideFrame(EchoTarget target, byte[] part1, byte[] part2, byte[] part3) throws Exception {
        try (RawClient c = connect(target)) {
            byte[] frame = c.frames().frame(TEXT, concat(part1, part2, part3));
            int headerLength = frame.length - part1.length - part2.length - part3.length;
            c.send(Arrays.copyOf(frame, headerLength + part1.length));
            c.send(Arrays.copyOfRange(frame, headerLength + part1.length, headerLength + part1.length + part2.length));
            Expect.failure(c, 1007);
            c.sendQuietly(Arrays.copyOfRange(frame, headerLength + part1.length + part2.length, frame.length));
        }
    }

    @AutobahnCase @DisplayName("Autobahn 6.4.1 / RFC 6455 §8.1: fail fast: a fragment encoding U+110000 → 1007 before the last fragment")
    void case_6_4_1_failFastOnInvalidFragment(EchoTarget target) throws Exception {
        failFastAcrossFrames(target, KOSME, hex("f4908080"), utf8("edited"));
    }

    @AutobahnCase @DisplayName("Autobahn 6.4.2 / RFC 6455 §8.1: fail fast: the fragment holding byte 0x90 after F4 → 1007 before the rest")
    void case_6_4_2_failFastOnSecondByte(EchoTarget target) throws Exception {
        failFastAcrossFrames(target, concat(KOSME, hex("f4")), hex("90"), hex("8080656469746564"));
    }

    @AutobahnCase @DisplayName("Autobahn 6.4.3 / RFC 6455 §8.1: fail fast inside one frame: F4 90 80 80 written → 1007 before the rest")
    void case_6_4_3_failFastInsideFrame(EchoTarget target) throws Exception {
        failFastInsideFrame(target, KOSME, hex("f4908080"), utf8("edited"));
    }

    @AutobahnCase @DisplayName("Autobahn 6.4.4 / RFC 6455 §8.1: fail fast inside one frame: byte 0x90 after F4 written → 1007 before the rest")
    void case_6_4_4_failFastInsideFrameOnSecondByte(EchoTarget target) throws Exception {
        failFastInsideFrame(target, concat(KOSME, hex("f4")), hex("90"), hex("8080656469746564"));
    }

    private static void echoFragmented(EchoTarget target, byte[] text, int fragment) throws Exception {
        try (RawClient c = connect(target)) {
            c.send(fragments(c.frames(), text, fragment));
            Expect.echo(c, TEXT, text);
            Expect.cleanClose(c);
        }
    }

    /** {@code text} as one text frame ({@code fragment} 0) or as frames of {@code fragment} bytes. */
    private static byte[] fragments(FrameWriter w, byte[] text, int fragment) {
        if (fragment == 0) {
            return w.frame(TEXT, text);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length; i += fragment) {
            int n = Math.min(fragment, text.length - i);
            out.writeBytes(w.frame(i + n == text.length, 0, i == 0 ? TEXT : CONTINUATION,
                    Arrays.copyOfRange(text, i, i + n)));
        }
        return out.toByteArray();
    }
}
