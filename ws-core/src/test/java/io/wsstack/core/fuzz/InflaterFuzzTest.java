package io.wsstack.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wsstack.core.CloseCodes;
import io.wsstack.core.Role;
import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.core.deflate.DeflateMode;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.deflate.ServerDeflateNegotiator;
import io.wsstack.core.extension.ExtensionHeaderParser;
import io.wsstack.core.extension.MessageCompression;
import io.wsstack.core.extension.MessageCompression.InflatedSink;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Random compressed messages, in random chunks, into the permessage-deflate codec's inflating side
 * (RFC 7692 §7.2.2) under a random message limit, in dedicated and shared mode, with and without
 * context takeover. The codec either inflates, refuses corrupt data with 1007, or stops a message
 * that outgrows its limit with 1009 having handed the sink at most one byte past the limit
 * (a decompression bomb costs nothing more), allocating in proportion to its input and never to
 * what the input inflates to; closing it ends every zlib stream.
 */
class InflaterFuzzTest {

    private static final Set<Integer> ALLOWED = Set.of(CloseCodes.INVALID_PAYLOAD, CloseCodes.MESSAGE_TOO_BIG);

    /**
     * Input layout, so that seeds are readable DEFLATE data: byte 0 chooses the setup (bit 0 shared
     * mode, bit 1 client_no_context_takeover), bytes 1–2 the message limit (big-endian), then records
     * of a two-byte big-endian header and that many bytes of compressed data; a header with its top
     * bit set ends the message after its data.
     */
    @FuzzTest
    void inflatesOrFailsTypedWithinTheLimit(byte[] input) {
        if (input.length < 3) {
            return;
        }
        // The first pass loads the classes this input needs; the second measures allocation, which
        // must not depend on how much the data inflates to (output goes through a fixed scratch array).
        feed(input);
        long allocated = feed(input);
        // Shared mode returns the inflater and drops the scratch array (1-8 KiB) after every message,
        // so each message may allocate one anew: churn bounded per message, never retained.
        long messages = 1 + countMessageEnds(input);
        assertThat(allocated).isLessThanOrEqualTo(FuzzBounds.FIXED_ALLOCATION_SLACK + 64L * input.length + 8192L * messages);
    }

    private static int countMessageEnds(byte[] input) {
        int ends = 0;
        for (int offset = 3; offset + 2 <= input.length; ) {
            int header = (input[offset] & 0xFF) << 8 | (input[offset + 1] & 0xFF);
            ends += header >>> 15;
            offset += 2 + Math.min(header & 0x7FFF, input.length - offset - 2);
        }
        return ends;
    }

    /** Runs one input through a new codec, checks the invariants, returns the bytes allocated meanwhile. */
    private static long feed(byte[] input) {
        int setup = input[0];
        int limit = (input[1] & 0xFF) << 8 | (input[2] & 0xFF);
        DeflateOptions options = DeflateOptions.builder()
                .mode((setup & 1) != 0 ? DeflateMode.SHARED : DeflateMode.DEDICATED)
                .build();
        String offer = (setup & 2) != 0 ? "permessage-deflate; client_no_context_takeover" : "permessage-deflate";
        long zipBaseline = FuzzBounds.liveZipStreams();
        ServerDeflateNegotiator negotiator = new ServerDeflateNegotiator(options);
        MessageCompression codec = negotiator.negotiate(ExtensionHeaderParser.parseLenient(offer))
                .orElseThrow().newCompression(Role.SERVER);
        LimitedSink sink = new LimitedSink(limit);
        long before = FuzzBounds.allocatedByThisThread();
        try {
            int offset = 3;
            while (offset + 2 <= input.length) {
                int header = (input[offset] & 0xFF) << 8 | (input[offset + 1] & 0xFF);
                int n = Math.min(header & 0x7FFF, input.length - offset - 2);
                codec.decompress(ByteBuffer.wrap(input, offset + 2, n).slice(), sink);
                offset += 2 + n;
                if ((header & 0x8000) != 0) {
                    codec.finishDecompression(sink);
                    sink.nextMessage();
                }
            }
            codec.finishDecompression(sink);
        } catch (WebSocketProtocolException e) {
            assertThat(ALLOWED).contains(e.closeCode());
        } finally {
            codec.close();
            negotiator.close();
        }
        long allocated = FuzzBounds.allocatedByThisThread() - before;
        assertThat(sink.oversizedWrites).as("writes larger than remaining() + 1").isZero();
        assertThat(FuzzBounds.liveZipStreams()).isEqualTo(zipBaseline);
        return allocated;
    }

    /** A message-size limit like the connection's: throws 1009 once the message outgrows it. */
    private static final class LimitedSink implements InflatedSink {
        private final long limit;
        private long written;
        int oversizedWrites;

        LimitedSink(long limit) {
            this.limit = limit;
        }

        void nextMessage() {
            written = 0;
        }

        @Override
        public long remaining() {
            return limit - written;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            // The codec promises never to hand over more than remaining() + 1 bytes in one call.
            if (length > remaining() + 1) {
                oversizedWrites++;
            }
            written += length;
            if (written > limit) {
                throw new WebSocketProtocolException.MessageTooBig("inflated message exceeds " + limit);
            }
        }
    }
}
