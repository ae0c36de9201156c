package io.wsstack.core.deflate;

import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.core.extension.MessageCompression.InflatedSink;
import java.io.ByteArrayOutputStream;

/**
 * A message sink like the connection's: collects inflated bytes, throws 1009 past {@code limit},
 * and records the largest single write and the total ever handed to it.
 */
final class CollectingSink implements InflatedSink {

    private final long limit;
    private final boolean keep;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long size;
    long totalReceived;
    int largestWrite;
    long largestOverRemaining = Long.MIN_VALUE;

    /** A sink that keeps what it receives, up to {@code limit} bytes per message. */
    CollectingSink(long limit) {
        this(limit, true);
    }

    /** A sink that only counts (for bombs), up to {@code limit} bytes per message. */
    static CollectingSink counting(long limit) {
        return new CollectingSink(limit, false);
    }

    private CollectingSink(long limit, boolean keep) {
        this.limit = limit;
        this.keep = keep;
    }

    @Override
    public long remaining() {
        return limit - size;
    }

    @Override
    public void write(byte[] b, int offset, int length) {
        largestOverRemaining = Math.max(largestOverRemaining, length - remaining());
        totalReceived += length;
        largestWrite = Math.max(largestWrite, length);
        size += length;
        if (size > limit) {
            throw new WebSocketProtocolException.MessageTooBig("message exceeds " + limit + " bytes");
        }
        if (keep) {
            bytes.write(b, offset, length);
        }
    }

    /** The bytes of the message so far; starts the next message. */
    byte[] takeMessage() {
        byte[] result = bytes.toByteArray();
        bytes.reset();
        size = 0;
        return result;
    }
}
