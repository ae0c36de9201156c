package io.wsstack.core.session;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Heap buffers of one size that sessions borrow for the length of one read (or one inflate call)
 * and give back at once, so that an idle session holds none: with thousands of mostly silent
 * connections, a buffer per session is most of their memory, while only the few sessions reading
 * at this moment need one.
 *
 * <p>At most {@code capacity} returned buffers are kept; a borrow from an empty pool allocates, and
 * a return to a full pool drops the buffer. The pool therefore never holds more than
 * {@code capacity × size} bytes, however many sessions exist. Borrowing and returning allocate
 * nothing (the queue is an array), which matters on the per-message path.
 *
 * <p>Buffers are heap buffers backed by an accessible array ({@link ByteBuffer#array()}), so
 * callers that need a {@code byte[]} (stream reads, zlib output) can use them as well. Whatever a
 * buffer held before is not cleared: a borrower must only read bytes it wrote itself.
 */
public final class BufferPool {

    /** The pool for reads and scratch space of the standard size, shared by every session in the JVM. */
    private static final BufferPool SHARED = new BufferPool(8192, 256);

    private final int bufferSize;
    private final ArrayBlockingQueue<ByteBuffer> idle;

    /**
     * @param bufferSize the capacity of every buffer, in bytes
     * @param capacity   how many returned buffers are kept at most (a bound on the pool's memory)
     */
    public BufferPool(int bufferSize, int capacity) {
        if (bufferSize <= 0 || capacity <= 0) {
            throw new IllegalArgumentException("bufferSize and capacity must be positive: " + bufferSize + ", " + capacity);
        }
        this.bufferSize = bufferSize;
        this.idle = new ArrayBlockingQueue<>(capacity);
    }

    /**
     * The JVM-wide pool of 8 KiB buffers (at most 256 kept, 2 MiB): read buffers of the servlet
     * transport and the inflater's output scratch.
     */
    public static BufferPool shared() {
        return SHARED;
    }

    /** The capacity of every buffer of this pool. */
    public int bufferSize() {
        return bufferSize;
    }

    /** A buffer cleared for writing (position 0, limit = capacity = {@link #bufferSize()}). */
    public ByteBuffer borrow() {
        ByteBuffer buffer = idle.poll();
        return buffer != null ? buffer.clear() : ByteBuffer.allocate(bufferSize);
    }

    /**
     * Gives a buffer back; the caller must not touch it afterwards. Buffers of another size (or
     * read-only or direct ones) are ignored, so a caller may return whatever it borrowed without
     * checking.
     */
    public void giveBack(ByteBuffer buffer) {
        if (buffer != null && buffer.capacity() == bufferSize && buffer.hasArray()) {
            idle.offer(buffer);
        }
    }

    /** How many buffers wait in the pool now (for tests and diagnostics). */
    public int idleCount() {
        return idle.size();
    }
}
