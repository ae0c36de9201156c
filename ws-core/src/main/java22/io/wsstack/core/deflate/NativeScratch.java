package io.wsstack.core.deflate;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Native input and output buffers that zlib reads and writes during one call. zlib cannot see the
 * Java heap, so bytes are copied through these; they are borrowed for one call only, so no connection
 * keeps any (that would cost 2 x {@value #CAPACITY} bytes per connection and miss the point of
 * small windows). Idle buffers are kept up to a small bound; the rest is left to the GC through
 * {@link Arena#ofAuto()}, which is fine for memory that no session owns.
 */
final class NativeScratch {

    /** Bytes per buffer: enough for a typical message in one call, small enough to stay cached. */
    static final int CAPACITY = 16 * 1024;

    private static final int MAX_IDLE = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private static final ConcurrentLinkedQueue<NativeScratch> IDLE = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger IDLE_COUNT = new AtomicInteger();

    final MemorySegment in;
    final MemorySegment out;
    /** {@code in} and {@code out} together: room for a whole 32 KiB window (see {@link WindowTransfer}). */
    final MemorySegment both;
    /** A {@code uInt} for zlib's {@code *GetDictionary} to write a length into. */
    final MemorySegment length;

    private NativeScratch() {
        MemorySegment all = Arena.ofAuto().allocate(2L * CAPACITY + 64, 64);
        this.both = all.asSlice(0, 2L * CAPACITY);
        this.in = all.asSlice(0, CAPACITY);
        this.out = all.asSlice(CAPACITY, CAPACITY);
        this.length = all.asSlice(2L * CAPACITY, 4);
    }

    static NativeScratch acquire() {
        NativeScratch s = IDLE.poll();
        if (s == null) {
            return new NativeScratch();
        }
        IDLE_COUNT.decrementAndGet();
        return s;
    }

    static void release(NativeScratch s) {
        if (IDLE_COUNT.incrementAndGet() <= MAX_IDLE) {
            IDLE.offer(s);
        } else {
            IDLE_COUNT.decrementAndGet();
        }
    }
}
