package io.wsstack.core.session;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Heap buffers into which sessions coalesce their small outgoing frames, shared by every session
 * of the process. A session borrows one when it queues a small frame and gives it back as soon as
 * the transport has taken the bytes, so an idle session holds none and a busy process reuses a
 * handful instead of allocating a frame array per message.
 *
 * <p>Lock-free: a fixed array of slots taken and filled with compare-and-set, searched from a
 * per-thread starting point so that threads rarely meet on one slot. An empty pool allocates; a
 * full pool lets the returned buffer go to the garbage collector, so the pool never holds more
 * than {@link #slots()} buffers.
 */
public final class FrameBufferPool {

    /** Bytes per buffer: a read batch of small echoes, or one socket write's worth. */
    public static final int BUFFER_SIZE = 8192;

    /** The process-wide pool (64 buffers of 8 KiB at most: 512 KiB). */
    public static final FrameBufferPool SHARED = new FrameBufferPool(64, BUFFER_SIZE);

    /**
     * No pooling, for transports that keep written buffers for an unknown time (zero-copy
     * wrappers): each coalescing buffer is new, sized for a few small frames, and left to the
     * garbage collector.
     */
    public static final FrameBufferPool UNPOOLED = new FrameBufferPool(0, 2048);

    private final AtomicReferenceArray<ByteBuffer> free;
    private final int bufferSize;

    /**
     * @param slots      the most idle buffers kept
     * @param bufferSize bytes per buffer
     */
    public FrameBufferPool(int slots, int bufferSize) {
        if (slots < 0 || bufferSize < 16) {
            throw new IllegalArgumentException("need buffers of at least 16 bytes and a slot count of 0 or more");
        }
        this.free = new AtomicReferenceArray<>(slots);
        this.bufferSize = bufferSize;
    }

    /** Bytes per buffer. */
    public int bufferSize() {
        return bufferSize;
    }

    /** How many idle buffers the pool keeps at most. */
    public int slots() {
        return free.length();
    }

    /** A cleared buffer of {@link #bufferSize()} bytes with an accessible array. */
    public ByteBuffer acquire() {
        int n = free.length();
        if (n == 0) {
            return ByteBuffer.allocate(bufferSize);
        }
        int start = start(n);
        for (int k = 0; k < n; k++) {
            int i = (start + k) % n;
            ByteBuffer b = free.get(i);
            if (b != null && free.compareAndSet(i, b, null)) {
                return b.clear();
            }
        }
        return ByteBuffer.allocate(bufferSize);
    }

    /** Gives a buffer from {@link #acquire()} back; nobody may use it afterwards. */
    public void release(ByteBuffer buffer) {
        if (buffer.capacity() != bufferSize || !buffer.hasArray()) {
            throw new IllegalArgumentException("not a buffer of this pool");
        }
        int n = free.length();
        if (n == 0) {
            return;
        }
        int start = start(n);
        for (int k = 0; k < n; k++) {
            int i = (start + k) % n;
            if (free.get(i) == null && free.compareAndSet(i, null, buffer)) {
                return;
            }
        }
        // Full: the garbage collector takes it.
    }

    /** Idle buffers now (for tests and diagnostics). */
    public int idleCount() {
        int count = 0;
        for (int i = 0; i < free.length(); i++) {
            if (free.get(i) != null) {
                count++;
            }
        }
        return count;
    }

    private static int start(int n) {
        // Threads start their search at different slots; the id is stable per thread and cheap.
        return (int) (Thread.currentThread().getId() % n);
    }
}
