package io.wsstack.core.deflate;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One zlib {@code z_stream} in native memory, owned by its own {@link Arena}, and the
 * {@code deflateEnd}/{@code inflateEnd} that frees zlib's internal state.
 *
 * <p>{@link #end()} is deterministic: the connection (or the pool) calls it when it is done, which
 * frees zlib's state and closes the arena at once. A {@link Cleaner} is only a safety net for a stream
 * that was never ended; it holds no reference to this object.
 *
 * <p>The arena is shared because a connection may run on different threads over its life (one at a
 * time); the struct is 112 bytes on LP64 (checked by zlib itself through the {@code stream_size}
 * argument of the init functions).
 */
final class ZStream {

    /** sizeof(z_stream) on LP64. */
    static final int SIZE = 112;
    static final long NEXT_IN = 0;
    static final long AVAIL_IN = 8;
    static final long NEXT_OUT = 24;
    static final long AVAIL_OUT = 32;
    static final long MSG = 48;

    private static final Cleaner CLEANER = Cleaner.create();

    final MemorySegment strm;
    private final Cleaner.Cleanable cleanable;

    /**
     * Allocates a zeroed struct (zalloc, zfree and opaque NULL: zlib's own malloc/free) and runs
     * {@code init}, which must call deflateInit2_ or inflateInit2_ on it and return zlib's code.
     */
    ZStream(Init init, MethodHandle endFunction) {
        Arena arena = Arena.ofShared();
        MemorySegment s = arena.allocate(SIZE, 8);
        try {
            FfmZlib.requireOk("init", () -> init.call(s));
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
        this.strm = s;
        this.cleanable = CLEANER.register(this, new End(arena, s, endFunction));
    }

    /** Frees zlib's state and the struct now; idempotent. */
    void end() {
        cleanable.clean();
    }

    void setInput(MemorySegment buffer, int length) {
        strm.set(ADDRESS, NEXT_IN, buffer);
        strm.set(JAVA_INT, AVAIL_IN, length);
    }

    void setOutput(MemorySegment buffer, int length) {
        strm.set(ADDRESS, NEXT_OUT, buffer);
        strm.set(JAVA_INT, AVAIL_OUT, length);
    }

    int availIn() {
        return strm.get(JAVA_INT, AVAIL_IN);
    }

    int availOut() {
        return strm.get(JAVA_INT, AVAIL_OUT);
    }

    /** zlib's message for the last error, or "" when it set none. */
    String message() {
        MemorySegment msg = strm.get(ADDRESS, MSG);
        return msg.equals(MemorySegment.NULL) ? "" : msg.reinterpret(256).getString(0);
    }

    @FunctionalInterface
    interface Init {
        int call(MemorySegment strm) throws Throwable;
    }

    /** The cleaning action: must not refer to the ZStream, or it would never become unreachable. */
    private static final class End implements Runnable {
        private final Arena arena;
        private final MemorySegment strm;
        private final MethodHandle endFunction;
        private final AtomicBoolean done = new AtomicBoolean();

        End(Arena arena, MemorySegment strm, MethodHandle endFunction) {
            this.arena = arena;
            this.strm = strm;
            this.endFunction = endFunction;
        }

        @Override
        public void run() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            try {
                // deflateEnd answers Z_DATA_ERROR for a stream ended mid-message; its memory is freed all the same.
                FfmZlib.call("end", () -> (int) endFunction.invokeExact(strm));
            } finally {
                arena.close();
            }
        }
    }
}
