package io.wsstack.core.deflate;

import java.util.zip.Deflater;

/**
 * A bounded, thread-safe pool of raw-DEFLATE compressors of one level, shared by all connections of
 * an endpoint in {@link DeflateMode#SHARED} mode.
 *
 * <p>{@link #acquire()} never blocks: when no idle deflater is left it creates one, so the number in
 * use follows the number of messages being compressed at that moment. {@link #release} keeps at most
 * {@code capacity} idle instances and ends the rest, which bounds the native memory held while idle.
 * After {@link #close()} every idle deflater is ended, and so is every one released later.
 */
public final class DeflaterPool implements AutoCloseable {

    private final BoundedPool<Deflater> pool;

    /** A pool of deflaters at {@code level} (0–9 or -1) keeping at most {@code capacity} idle ones. */
    public DeflaterPool(int level, int capacity) {
        this.pool = new BoundedPool<>(capacity, () -> DeflateResources.newDeflater(level),
                Deflater::reset, DeflateResources::end);
    }

    /** An idle deflater in its initial state, or a new one. */
    public Deflater acquire() {
        return pool.acquire();
    }

    /** Resets {@code deflater} and keeps it for another message, or ends it if the pool is full or closed. */
    public void release(Deflater deflater) {
        pool.release(deflater);
    }

    /** How many idle deflaters the pool holds now. */
    public int idleCount() {
        return pool.idleCount();
    }

    /** Ends every idle deflater; later releases end theirs. Idempotent. */
    @Override
    public void close() {
        pool.close();
    }
}
