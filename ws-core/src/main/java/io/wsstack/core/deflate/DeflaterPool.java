package io.wsstack.core.deflate;

/**
 * A bounded, thread-safe pool of raw-DEFLATE compressors of one level, window and memory level,
 * shared by all connections of an endpoint in {@link DeflateMode#SHARED} mode.
 *
 * <p>{@link #acquire()} never blocks: when no idle deflater is left it creates one, so the number in
 * use follows the number of messages being compressed at that moment. {@link #release} keeps at most
 * {@code capacity} idle instances and ends the rest, which bounds the native memory held while idle.
 * After {@link #close()} every idle deflater is ended, and so is every one released later.
 */
final class DeflaterPool implements AutoCloseable {

    private final BoundedPool<RawDeflater> pool;

    /** A pool of deflaters at {@code level} (0–9 or -1) with the full window, keeping at most {@code capacity} idle. */
    DeflaterPool(int level, int capacity) {
        this(level, DeflateOptions.MAX_WINDOW_BITS, DeflateOptions.DEFAULT_MEMORY_LEVEL, capacity);
    }

    /** A pool of deflaters with a 2<sup>windowBits</sup>-byte window (9–15) and {@code memoryLevel} (1–9). */
    DeflaterPool(int level, int windowBits, int memoryLevel, int capacity) {
        this.pool = new BoundedPool<>(capacity, () -> DeflateResources.newDeflater(level, windowBits, memoryLevel),
                RawDeflater::reset, DeflateResources::end);
    }

    /** An idle deflater in its initial state, or a new one. */
    RawDeflater acquire() {
        return pool.acquire();
    }

    /** Resets {@code deflater} and keeps it for another message, or ends it if the pool is full or closed. */
    void release(RawDeflater deflater) {
        pool.release(deflater);
    }

    /** How many idle deflaters the pool holds now. */
    int idleCount() {
        return pool.idleCount();
    }

    /** Ends every idle deflater; later releases end theirs. Idempotent. */
    @Override
    public void close() {
        pool.close();
    }
}
