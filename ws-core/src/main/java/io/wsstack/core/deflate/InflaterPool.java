package io.wsstack.core.deflate;

import java.util.zip.Inflater;

/**
 * A bounded, thread-safe pool of raw-DEFLATE decompressors, shared by all connections of an endpoint
 * in {@link DeflateMode#SHARED} mode.
 *
 * <p>An incoming compressed message keeps its inflater from its first fragment to its last, so the
 * number in use follows the number of compressed messages being received at that moment.
 * {@link #acquire()} never blocks; {@link #release} keeps at most {@code capacity} idle instances and
 * ends the rest. After {@link #close()} every idle inflater is ended, and so is every one released later.
 */
public final class InflaterPool implements AutoCloseable {

    private final BoundedPool<Inflater> pool;

    /** A pool keeping at most {@code capacity} idle inflaters. */
    public InflaterPool(int capacity) {
        this.pool = new BoundedPool<>(capacity, DeflateResources::newInflater,
                Inflater::reset, DeflateResources::end);
    }

    /** An idle inflater in its initial state, or a new one. */
    public Inflater acquire() {
        return pool.acquire();
    }

    /** Resets {@code inflater} and keeps it for another message, or ends it if the pool is full or closed. */
    public void release(Inflater inflater) {
        pool.release(inflater);
    }

    /** How many idle inflaters the pool holds now. */
    public int idleCount() {
        return pool.idleCount();
    }

    /** Ends every idle inflater; later releases end theirs. Idempotent. */
    @Override
    public void close() {
        pool.close();
    }
}
