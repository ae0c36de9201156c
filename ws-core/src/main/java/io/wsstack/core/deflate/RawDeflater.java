package io.wsstack.core.deflate;

import java.nio.ByteBuffer;

/**
 * One raw-DEFLATE compressor (no zlib header or trailer, as RFC 7692 §7.2.1 needs), whichever zlib
 * is behind it: {@code java.util.zip} or the system's zlib called through the FFM API on Java 22+.
 * Used by one thread at a time.
 */
interface RawDeflater {

    /**
     * Compresses {@code input} (its position advances past what was consumed) and flushes with
     * {@code Z_SYNC_FLUSH}, writing at most {@code length} bytes into {@code out}. When the result is
     * smaller than {@code length} all input was consumed and the flush is complete, so the output
     * ends with {@code 00 00 ff ff}; when it equals {@code length} call again with the same buffer.
     */
    int deflate(ByteBuffer input, byte[] out, int offset, int length);

    /** Forgets the history (the LZ77 window): the next message starts a fresh stream. */
    void reset();

    /**
     * Copies the history a next message would refer back to (the last 2<sup>windowBits</sup> bytes
     * at most) into {@code into}, which must hold a whole window; returns its length. Only between
     * messages, and only when {@link ZlibBinding#carriesWindows()}.
     */
    default int saveWindow(byte[] into) {
        throw new UnsupportedOperationException("this zlib binding cannot hand out its window");
    }

    /**
     * Makes {@code window[0, length)} the history of a freshly reset deflater (zlib's
     * {@code deflateSetDictionary}), so that its next message continues a stream saved by
     * {@link #saveWindow}. Only when {@link ZlibBinding#carriesWindows()}.
     */
    default void restoreWindow(byte[] window, int length) {
        throw new UnsupportedOperationException("this zlib binding cannot take a window");
    }

    /** Frees the native memory now. The instance must not be used afterwards. */
    void end();
}
