package io.wsstack.core.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.core.extension.MessageCompression;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Decompression bombs stop one byte past the message limit (bad input #16). */
class DecompressionLimitTest {

    private static final int MIB = 1024 * 1024;
    private static byte[] tenMibOfZeros;

    @BeforeAll
    static void compressBomb() {
        try (Codecs.Pair pair = Codecs.negotiate(DeflateOptions.defaults(), DeflateOptions.defaults())) {
            tenMibOfZeros = Codecs.compress(pair.client(), new byte[10 * MIB]);
        }
    }

    @Test
    @DisplayName("RFC 7692 §8.2 / bad input #16: 10 MiB of zeros compresses about 1000:1")
    void bombRatio() {
        assertThat(tenMibOfZeros.length).isLessThan(20 * 1024);
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: a 1000:1 bomb against a 1 MiB limit → 1009, the sink never got more than limit+1 bytes")
    void bombStopsAtLimitPlusOne() {
        for (int chunkSize : new int[] {tenMibOfZeros.length, 1024, 1}) {
            CollectingSink sink = CollectingSink.counting(MIB);
            try (Codecs.Pair pair = Codecs.negotiate(DeflateOptions.defaults(), DeflateOptions.defaults())) {
                assertThatThrownBy(() -> feed(pair.server(), tenMibOfZeros, chunkSize, sink))
                        .isInstanceOf(WebSocketProtocolException.MessageTooBig.class)
                        .extracting(e -> ((WebSocketProtocolException) e).closeCode())
                        .isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
            }
            assertThat(sink.totalReceived).as("chunks of %d", chunkSize).isEqualTo(MIB + 1L);
            assertThat(sink.largestOverRemaining).as("a write never exceeds remaining()+1").isLessThanOrEqualTo(1);
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: a message of exactly the limit inflates; one byte more → 1009")
    void exactLimitPassesLimitPlusOneFails() {
        int limit = MIB;
        try (Codecs.Pair pair = Codecs.negotiate(DeflateOptions.defaults(), DeflateOptions.defaults())) {
            byte[] exact = Codecs.compress(pair.client(), filled(limit));
            CollectingSink sink = CollectingSink.counting(limit);
            feed(pair.server(), exact, 4096, sink);
            pair.server().finishDecompression(sink);
            assertThat(sink.totalReceived).isEqualTo(limit);
            sink.takeMessage();

            byte[] over = Codecs.compress(pair.client(), filled(limit + 1));
            assertThatThrownBy(() -> {
                feed(pair.server(), over, 4096, sink);
                pair.server().finishDecompression(sink);
            }).isInstanceOf(WebSocketProtocolException.MessageTooBig.class);
            assertThat(sink.totalReceived).isEqualTo(limit + (limit + 1L));
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: a zero limit accepts the empty message and refuses one byte")
    void zeroLimit() {
        try (Codecs.Pair pair = Codecs.negotiate(DeflateOptions.defaults(), DeflateOptions.defaults())) {
            CollectingSink sink = CollectingSink.counting(0);
            pair.server().decompress(ByteBuffer.wrap(Codecs.compress(pair.client(), new byte[0])), sink);
            pair.server().finishDecompression(sink);
            byte[] one = Codecs.compress(pair.client(), new byte[] {'x'});
            assertThatThrownBy(() -> {
                pair.server().decompress(ByteBuffer.wrap(one), sink);
                pair.server().finishDecompression(sink);
            }).isInstanceOf(WebSocketProtocolException.MessageTooBig.class);
            assertThat(sink.totalReceived).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("bad input #16: inflating a 10 MiB bomb allocates a bounded scratch buffer, not the inflated size")
    void bombAllocationIsBounded() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        try (Codecs.Pair pair = Codecs.negotiate(DeflateOptions.defaults(), DeflateOptions.defaults())) {
            CollectingSink warmUp = CollectingSink.counting(Long.MAX_VALUE / 2);
            feed(pair.server(), tenMibOfZeros, 64 * 1024, warmUp);
            pair.server().finishDecompression(warmUp);

            CollectingSink sink = CollectingSink.counting(Long.MAX_VALUE / 2);
            ByteBuffer bomb = ByteBuffer.wrap(tenMibOfZeros);
            long before = threads.getThreadAllocatedBytes(tid);
            pair.server().decompress(bomb, sink);
            pair.server().finishDecompression(sink);
            long allocated = threads.getThreadAllocatedBytes(tid) - before;
            assertThat(sink.totalReceived).isEqualTo(10L * MIB);
            assertThat(allocated).as("bytes allocated while inflating 10 MiB").isLessThan(256 * 1024);
        }
    }

    private static void feed(MessageCompression codec, byte[] compressed, int chunkSize, CollectingSink sink) {
        for (int i = 0; i < compressed.length; i += chunkSize) {
            codec.decompress(ByteBuffer.wrap(compressed, i, Math.min(chunkSize, compressed.length - i)), sink);
        }
    }

    private static byte[] filled(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 'a');
        return b;
    }
}
