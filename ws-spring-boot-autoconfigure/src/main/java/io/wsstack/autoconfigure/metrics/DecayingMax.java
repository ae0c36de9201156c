package io.wsstack.autoconfigure.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * The largest value of the last {@code buckets × bucketNanos} or so, as Micrometer's
 * {@code TimeWindowMax} keeps it (a ring of maxima, each value recorded into every bucket, the oldest
 * bucket cleared and reused every {@code bucketNanos}), except that a record takes the time from its
 * caller: the session has just read {@code System.nanoTime()} to time the handler call, and a second
 * clock read per read batch was the largest part of what the handler meter still cost. Only a read
 * (a scrape) reads the clock itself.
 */
final class DecayingMax {

    private final AtomicLongArray maxima;
    private final long bucketNanos;
    private final LongSupplier clock;
    /** When the current bucket became current, in the clock's nanoseconds. */
    private final AtomicLong rotatedAt;
    private volatile int current;

    /**
     * @param clock       nanosecond time source of reads, the same base as the times records give
     *                    ({@code System.nanoTime()} in production)
     * @param windowNanos how long a value is remembered, at least
     * @param buckets     into how many steps the window is cut (more: a value is forgotten closer to
     *                    {@code windowNanos} after it was recorded)
     */
    DecayingMax(LongSupplier clock, long windowNanos, int buckets) {
        this.maxima = new AtomicLongArray(buckets);
        this.bucketNanos = Math.max(1, windowNanos / buckets);
        this.clock = clock;
        this.rotatedAt = new AtomicLong(clock.getAsLong());
    }

    /** Records {@code value}, observed at {@code nowNanos}. */
    void record(long value, long nowNanos) {
        rotate(nowNanos);
        for (int i = 0; i < maxima.length(); i++) {
            long known;
            // Mostly one plain read per bucket: a new maximum is rare once the window has seen a few.
            while (value > (known = maxima.get(i)) && !maxima.compareAndSet(i, known, value)) {
                Thread.onSpinWait();
            }
        }
    }

    /** The largest value recorded within the window, or 0. */
    long poll() {
        rotate(clock.getAsLong());
        return maxima.get(current);
    }

    private void rotate(long nowNanos) {
        long since = rotatedAt.get();
        long elapsed = nowNanos - since;
        if (elapsed < bucketNanos) {
            return; // also a time before the last rotation (another thread's later reading got there first)
        }
        if (!rotatedAt.compareAndSet(since, nowNanos - elapsed % bucketNanos)) {
            return; // another thread rotates
        }
        long steps = Math.min(elapsed / bucketNanos, maxima.length());
        int index = current;
        for (long s = 0; s < steps; s++) {
            // The current bucket holds everything since it was cleared a whole window ago: clear it and move on.
            maxima.set(index, 0);
            index = (index + 1) % maxima.length();
        }
        current = index;
    }
}
