package io.wsstack.core.deflate;

import static io.wsstack.core.deflate.Hex.bytes;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.core.extension.MessageCompression;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The payload examples of RFC 7692 §7.2.3, compressed by our deflater and inflated by our inflater,
 * each inflation replayed split at every byte offset.
 */
class Rfc7692ExamplesTest {

    private static final byte[] HELLO = "Hello".getBytes(US_ASCII);

    @Test
    @DisplayName("RFC 7692 §7.2.3.1: \"Hello\" compresses to f2 48 cd c9 c9 07 00")
    void helloCompresses() {
        try (Codecs.Pair pair = Codecs.negotiate(DeflateOptions.defaults(), DeflateOptions.defaults())) {
            assertThat(Hex.of(Codecs.compress(pair.client(), HELLO))).isEqualTo("f2 48 cd c9 c9 07 00");
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.1: f2 48 cd c9 c9 07 00 inflates to \"Hello\" at every split")
    void helloInflates() {
        assertInflatesAtEverySplit("Hello", "f2 48 cd c9 c9 07 00");
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.1: the fragmented form f2 48 cd | c9 c9 07 00 inflates to \"Hello\"")
    void fragmentedHelloInflates() {
        withServerCodec(DeflateOptions.defaults(), codec -> assertThat(
                Codecs.inflate(codec, List.of(bytes("f2 48 cd"), bytes("c9 c9 07 00")))).isEqualTo(HELLO));
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.2: with context takeover the second \"Hello\" compresses to f2 00 11 00 00")
    void secondHelloUsesTheSlidingWindow() {
        try (Codecs.Pair pair = Codecs.negotiate(DeflateOptions.defaults(), DeflateOptions.defaults())) {
            assertThat(Hex.of(Codecs.compress(pair.client(), HELLO))).isEqualTo("f2 48 cd c9 c9 07 00");
            assertThat(Hex.of(Codecs.compress(pair.client(), HELLO))).isEqualTo("f2 00 11 00 00");
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.2: without context takeover the second \"Hello\" compresses alone again")
    void secondHelloWithoutContextTakeover() {
        DeflateOptions noTakeover = DeflateOptions.builder().clientNoContextTakeover(true).build();
        try (Codecs.Pair pair = Codecs.negotiate(noTakeover, DeflateOptions.defaults())) {
            assertThat(Hex.of(Codecs.compress(pair.client(), HELLO))).isEqualTo("f2 48 cd c9 c9 07 00");
            assertThat(Hex.of(Codecs.compress(pair.client(), HELLO))).isEqualTo("f2 48 cd c9 c9 07 00");
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.2: f2 00 11 00 00 after the first \"Hello\" inflates to \"Hello\" at every split")
    void secondHelloInflates() {
        byte[] second = bytes("f2 00 11 00 00");
        for (int split = 0; split <= second.length; split++) {
            int at = split;
            withServerCodec(DeflateOptions.defaults(), codec -> {
                assertThat(Codecs.inflate(codec, List.of(bytes("f2 48 cd c9 c9 07 00")))).isEqualTo(HELLO);
                assertThat(Codecs.inflate(codec, splitAt(second, at))).as("split at %d", at).isEqualTo(HELLO);
            });
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.3: the stored block 00 05 00 fa ff 48 65 6c 6c 6f 00 inflates to \"Hello\"")
    void storedBlockInflates() {
        assertInflatesAtEverySplit("Hello", "00 05 00 fa ff 48 65 6c 6c 6f 00");
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.4: a block with BFINAL set, f3 48 cd c9 c9 07 00 00, inflates to \"Hello\"")
    void finalBlockInflates() {
        assertInflatesAtEverySplit("Hello", "f3 48 cd c9 c9 07 00 00");
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.4: messages after a BFINAL block still inflate")
    void messagesAfterFinalBlockInflate() {
        withServerCodec(DeflateOptions.defaults(), codec -> {
            assertThat(Codecs.inflate(codec, List.of(bytes("f3 48 cd c9 c9 07 00 00")))).isEqualTo(HELLO);
            assertThat(Codecs.inflate(codec, List.of(bytes("f2 48 cd c9 c9 07 00")))).isEqualTo(HELLO);
            assertThat(Codecs.inflate(codec, List.of(bytes("00 05 00 fa ff 48 65 6c 6c 6f 00")))).isEqualTo(HELLO);
        });
    }

    @Test
    @DisplayName("RFC 7692 §7.2.1 (lenient): a message ending right after its BFINAL block, without the empty stored block, inflates and so does the next")
    void messageEndingWithFinalBlockDoesNotCorruptTheNext() {
        withServerCodec(DeflateOptions.defaults(), codec -> {
            assertThat(Codecs.inflate(codec, List.of(bytes("f3 48 cd c9 c9 07 00")))).isEqualTo(HELLO);
            assertThat(Codecs.inflate(codec, List.of(bytes("f3 48 cd"), bytes("c9 c9 07 00")))).isEqualTo(HELLO);
            assertThat(Codecs.inflate(codec, List.of(bytes("00 05 00 fa ff 48 65 6c 6c 6f 00")))).isEqualTo(HELLO);
        });
    }

    @Test
    @DisplayName("RFC 7692 §7.2.1: a block following a BFINAL block in the same message is inflated too")
    void blockAfterFinalBlockInSameMessage() {
        // "Hello" with BFINAL, then the stored block " world" (BFINAL 0) of the same message.
        assertInflatesAtEverySplit("Hello world", "f3 48 cd c9 c9 07 00 00 06 00 f9 ff 20 77 6f 72 6c 64 00");
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.5: two DEFLATE blocks in one message inflate to \"Hello\"")
    void twoBlocksInflate() {
        assertInflatesAtEverySplit("Hello", "f2 48 05 00 00 00 ff ff ca c9 c9 07 00");
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.6: an empty message compresses to the single byte 00")
    void emptyMessageCompressesToZeroByte() {
        try (Codecs.Pair pair = Codecs.negotiate(DeflateOptions.defaults(), DeflateOptions.defaults())) {
            assertThat(Hex.of(Codecs.compress(pair.client(), new byte[0]))).isEqualTo("00");
            assertThat(Hex.of(Codecs.compress(pair.client(), HELLO))).isEqualTo("f2 48 cd c9 c9 07 00");
            assertThat(Hex.of(Codecs.compress(pair.client(), new byte[0]))).isEqualTo("00");
            assertThat(Hex.of(Codecs.compress(pair.client(), new byte[0]))).isEqualTo("00");
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.6: an empty last fragment is sent as 00 and the message inflates")
    void emptyLastFragment() {
        try (Codecs.Pair pair = Codecs.negotiate(DeflateOptions.defaults(), DeflateOptions.defaults())) {
            byte[] first = Codecs.toArray(pair.client().compress(java.nio.ByteBuffer.wrap(HELLO), false));
            byte[] last = Codecs.compress(pair.client(), new byte[0]);
            assertThat(Hex.of(first)).isEqualTo("f2 48 cd c9 c9 07 00 00 00 ff ff");
            assertThat(Hex.of(last)).isEqualTo("00");
            assertThat(Codecs.inflate(pair.server(), List.of(first, last))).isEqualTo(HELLO);
            assertThat(Codecs.inflate(pair.server(), List.of(Codecs.compress(pair.client(), HELLO)))).isEqualTo(HELLO);
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.6: the payload 00 inflates to an empty message at every split")
    void zeroByteInflatesToEmptyMessage() {
        assertInflatesAtEverySplit("", "00");
    }

    private static void assertInflatesAtEverySplit(String expected, String hex) {
        byte[] payload = bytes(hex);
        for (int split = 0; split <= payload.length; split++) {
            int at = split;
            withServerCodec(DeflateOptions.defaults(), codec -> assertThat(Codecs.inflate(codec, splitAt(payload, at)))
                    .as("split at %d", at).isEqualTo(expected.getBytes(US_ASCII)));
        }
        withServerCodec(DeflateOptions.defaults(), codec -> assertThat(Codecs.inflate(codec, oneByteChunks(payload)))
                .as("one byte at a time").isEqualTo(expected.getBytes(US_ASCII)));
    }

    /** Runs {@code check} against the inflating end of a fresh server connection, then closes it. */
    private static void withServerCodec(DeflateOptions options, Consumer<MessageCompression> check) {
        try (Codecs.Pair pair = Codecs.negotiate(options, DeflateOptions.defaults())) {
            check.accept(pair.server());
        }
    }

    static List<byte[]> splitAt(byte[] payload, int at) {
        return List.of(Arrays.copyOfRange(payload, 0, at), Arrays.copyOfRange(payload, at, payload.length));
    }

    static List<byte[]> oneByteChunks(byte[] payload) {
        List<byte[]> chunks = new ArrayList<>();
        for (byte b : payload) {
            chunks.add(new byte[] {b});
        }
        return chunks;
    }
}
