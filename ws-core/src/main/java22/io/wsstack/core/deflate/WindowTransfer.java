package io.wsstack.core.deflate;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Moves a stream's window between zlib and the Java heap for {@link DeflateMode#POOLED}: zlib's
 * {@code *GetDictionary} copies the sliding window out after a message, {@code *SetDictionary} puts
 * it into a freshly reset pooled stream before the next one. For raw DEFLATE zlib allows both between
 * messages (after a sync flush, the stream is byte aligned and a new block may start anywhere), so the
 * peer sees exactly the stream context takeover would have produced.
 */
final class WindowTransfer {

    private WindowTransfer() {
    }

    /** Copies {@code strm}'s window into {@code into} (at least one whole window long); returns its length. */
    static int save(String function, MethodHandle getDictionary, MemorySegment strm, byte[] into) {
        NativeScratch scratch = NativeScratch.acquire();
        try {
            scratch.length.set(ValueLayout.JAVA_INT, 0, 0);
            FfmZlib.requireOk(function, () -> (int) getDictionary.invokeExact(strm, scratch.both, scratch.length));
            int length = scratch.length.get(ValueLayout.JAVA_INT, 0);
            if (length < 0 || length > into.length) {
                throw new IllegalStateException("zlib " + function + " returned a window of " + length + " bytes");
            }
            MemorySegment.copy(scratch.both, ValueLayout.JAVA_BYTE, 0, into, 0, length);
            return length;
        } finally {
            NativeScratch.release(scratch);
        }
    }

    /** Makes {@code window[0, length)} the history of {@code strm}. */
    static void restore(String function, MethodHandle setDictionary, MemorySegment strm, byte[] window, int length) {
        if (length == 0) {
            return;
        }
        NativeScratch scratch = NativeScratch.acquire();
        try {
            MemorySegment.copy(window, 0, scratch.both, ValueLayout.JAVA_BYTE, 0, length);
            FfmZlib.requireOk(function, () -> (int) setDictionary.invokeExact(strm, scratch.both, length));
        } finally {
            NativeScratch.release(scratch);
        }
    }
}
