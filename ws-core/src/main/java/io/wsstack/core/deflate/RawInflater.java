package io.wsstack.core.deflate;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;

/**
 * One raw-DEFLATE decompressor, whichever zlib is behind it (see {@link RawDeflater}). Used by one
 * thread at a time.
 */
interface RawInflater {

    /**
     * Inflates from {@code input} (its position advances past what was consumed) into at most
     * {@code length} bytes of {@code out}; returns how many were written. 0 with input left and
     * {@link #finished()} false means zlib can make no progress.
     *
     * @throws DataFormatException when the data is not valid DEFLATE
     */
    int inflate(ByteBuffer input, byte[] out, int offset, int length) throws DataFormatException;

    /** Whether a block with BFINAL set ended the stream; true until {@link #reset()}. */
    boolean finished();

    /** Forgets the history and the end-of-stream state. */
    void reset();

    /** As {@link RawDeflater#saveWindow}: the bytes a next message may refer back to. */
    default int saveWindow(byte[] into) {
        throw new UnsupportedOperationException("this zlib binding cannot hand out its window");
    }

    /** As {@link RawDeflater#restoreWindow}: {@code inflateSetDictionary} on a freshly reset inflater. */
    default void restoreWindow(byte[] window, int length) {
        throw new UnsupportedOperationException("this zlib binding cannot take a window");
    }

    /** Frees the native memory now. The instance must not be used afterwards. */
    void end();
}
