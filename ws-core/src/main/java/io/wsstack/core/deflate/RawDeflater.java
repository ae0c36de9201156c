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

    /** Frees the native memory now. The instance must not be used afterwards. */
    void end();
}
