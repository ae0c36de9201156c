package io.wsstack.core.deflate;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Compresses the outgoing messages of one connection (RFC 7692 §7.2.1).
 *
 * <p>Every piece is deflated with {@code Z_SYNC_FLUSH}, so each piece ends on a byte boundary
 * with the empty stored block {@code 00 00 ff ff}; at the end of a message those four bytes are
 * removed, as the RFC requires. The deflater is taken from its pool when a message starts. Without
 * context takeover it is reset after each message, and in shared mode it goes back to the pool so
 * that an idle connection holds none. In pooled mode it goes back too, but with context takeover
 * the connection first saves the deflater's window and gives it to the next deflater it borrows.
 */
final class MessageDeflater {

    /** Payloads up to this size get an output array that fits even incompressible data at once. */
    private static final int EXACT_BOUND_LIMIT = 64 * 1024;

    private final DeflaterPool pool;
    private final boolean resetAfterMessage;
    private final boolean releaseAfterMessage;
    /** Bytes of window to carry between messages (pooled mode with context takeover), else 0. */
    private final int windowCapacity;
    private RawDeflater deflater;
    /** The history between two messages in pooled mode, allocated at the first message's end. */
    private byte[] window;
    private int windowLength;
    private boolean closed;

    MessageDeflater(DeflaterPool pool, boolean resetAfterMessage, boolean releaseAfterMessage) {
        this(pool, resetAfterMessage, releaseAfterMessage, 0);
    }

    MessageDeflater(DeflaterPool pool, boolean resetAfterMessage, boolean releaseAfterMessage, int windowCapacity) {
        this.pool = pool;
        this.resetAfterMessage = resetAfterMessage;
        this.releaseAfterMessage = releaseAfterMessage;
        this.windowCapacity = windowCapacity;
    }

    ByteBuffer compress(ByteBuffer payload, boolean endOfMessage) {
        if (closed) {
            throw new IllegalStateException("compression is closed");
        }
        if (deflater == null) {
            deflater = pool.acquire();
            if (windowLength > 0) {
                deflater.restoreWindow(window, windowLength);
            }
        }
        int inputLength = payload.remaining();
        byte[] out = new byte[initialCapacity(inputLength)];
        int length = 0;
        while (true) {
            length += deflater.deflate(payload, out, length, out.length - length);
            if (length < out.length) {
                break; // space left over: the flush is complete and all input consumed
            }
            out = Arrays.copyOf(out, grow(out.length));
        }
        if (endOfMessage) {
            length = removeFlushMarker(out, length);
            endMessage();
        }
        return ByteBuffer.wrap(out, 0, length);
    }

    /**
     * Removes the trailing {@code 00 00 ff ff}. zlib produces nothing for a flush that directly
     * follows another one without new input (an empty message, or an empty last piece); the stream
     * is then already byte-aligned, so the payload is the first byte of an empty stored block,
     * {@code 00}, whose other four bytes the receiver appends itself (RFC 7692 §7.2.3.6).
     */
    private static int removeFlushMarker(byte[] out, int length) {
        if (length == 0) {
            out[0] = 0;
            return 1;
        }
        if (length < 4 || out[length - 4] != 0 || out[length - 3] != 0
                || out[length - 2] != (byte) 0xff || out[length - 1] != (byte) 0xff) {
            throw new IllegalStateException("deflater output does not end with a sync flush marker");
        }
        return length - 4;
    }

    private void endMessage() {
        if (windowCapacity > 0) {
            if (window == null) {
                window = new byte[windowCapacity];
            }
            windowLength = deflater.saveWindow(window);
        }
        if (releaseAfterMessage) {
            RawDeflater d = deflater;
            deflater = null;
            pool.release(d);
        } else if (resetAfterMessage) {
            deflater.reset();
        }
    }

    /** Whether a deflater is held right now (for tests of the shared mode). */
    boolean holdsDeflater() {
        return deflater != null;
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (deflater != null) {
            RawDeflater d = deflater;
            deflater = null;
            pool.release(d);
        }
    }

    /** Doubles, staying below the largest array size the JVM allows. */
    private static int grow(int length) {
        int max = Integer.MAX_VALUE - 8;
        if (length >= max) {
            throw new IllegalStateException("compressed message does not fit in one array");
        }
        return (int) Math.min((long) length * 2, max);
    }

    /**
     * Small payloads get room for the worst case (stored blocks: 5 bytes per 16 KiB, plus the flush
     * marker and a partial block), so incompressible data needs no second array; large ones start
     * at a quarter and double, so a 10 MiB run of zeros does not allocate 10 MiB.
     */
    private static int initialCapacity(int inputLength) {
        if (inputLength <= EXACT_BOUND_LIMIT) {
            return inputLength + (inputLength >> 12) + (inputLength >> 14) + 32;
        }
        return (inputLength >> 2) + 1024;
    }
}
