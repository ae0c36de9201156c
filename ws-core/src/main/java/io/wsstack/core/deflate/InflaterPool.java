package io.wsstack.core.deflate;

/**
 * A bounded, thread-safe pool of raw-DEFLATE decompressors of one window size, shared by all
 * connections of an endpoint in {@link DeflateMode#SHARED} mode.
 *
 * <p>An incoming compressed message keeps its inflater from its first fragment to its last, so the
 * number in use follows the number of compressed messages being received at that moment.
 * {@link #acquire()} never blocks; {@link #release} keeps at most {@code capacity} idle instances and
 * ends the rest. After {@link #close()} every idle inflater is ended, and so is every one released later.
 */
final class InflaterPool implements AutoCloseable {

    private final BoundedPool<RawInflater> pool;

    /** A pool of full-window inflaters keeping at most {@code capacity} idle. */
    InflaterPool(int capacity) {
        this(DeflateOptions.MAX_WINDOW_BITS, capacity);
    }

    /** A pool of inflaters with a 2<sup>windowBits</sup>-byte window keeping at most {@code capacity} idle. */
    InflaterPool(int windowBits, int capacity) {
        this.pool = new BoundedPool<>(capacity, () -> DeflateResources.newInflater(windowBits),
                RawInflater::reset, DeflateResources::end);
    }

    /** An idle inflater in its initial state, or a new one. */
    RawInflater acquire() {
        return pool.acquire();
    }

    /** Resets {@code inflater} and keeps it for another message, or ends it if the pool is full or closed. */
    void release(RawInflater inflater) {
        pool.release(inflater);
    }

    /** How many idle inflaters the pool holds now. */
    int idleCount() {
        return pool.idleCount();
    }

    /** Ends every idle inflater; later releases end theirs. Idempotent. */
    @Override
    public void close() {
        pool.close();
    }
}
