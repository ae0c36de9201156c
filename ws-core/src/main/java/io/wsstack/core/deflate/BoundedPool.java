package io.wsstack.core.deflate;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The logic shared by {@link DeflaterPool} and {@link InflaterPool}: a non-blocking pool that keeps
 * at most {@code capacity} idle instances and destroys whatever does not fit.
 */
final class BoundedPool<T> {

    private final Supplier<T> factory;
    private final Consumer<T> reset;
    private final Consumer<T> destroy;
    private final ArrayBlockingQueue<T> idle; // null when capacity is 0
    private volatile boolean closed;

    BoundedPool(int capacity, Supplier<T> factory, Consumer<T> reset, Consumer<T> destroy) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, was " + capacity);
        }
        this.factory = factory;
        this.reset = reset;
        this.destroy = destroy;
        this.idle = capacity == 0 ? null : new ArrayBlockingQueue<>(capacity);
    }

    T acquire() {
        T item = idle == null ? null : idle.poll();
        return item != null ? item : factory.get();
    }

    void release(T item) {
        if (idle == null || closed) {
            destroy.accept(item);
            return;
        }
        reset.accept(item);
        if (!idle.offer(item)) {
            destroy.accept(item);
        } else if (closed) {
            drain(); // close() ran between the check and the offer: do not strand the item
        }
    }

    int idleCount() {
        return idle == null ? 0 : idle.size();
    }

    void close() {
        closed = true;
        drain();
    }

    private void drain() {
        if (idle == null) {
            return;
        }
        T item;
        while ((item = idle.poll()) != null) {
            destroy.accept(item);
        }
    }
}
