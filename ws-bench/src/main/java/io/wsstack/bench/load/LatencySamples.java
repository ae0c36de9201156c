package io.wsstack.bench.load;

import java.util.Arrays;
import java.util.List;

/**
 * Round-trip times of one connection in nanoseconds, kept exactly in a growing array (only the
 * connection's event loop thread writes it), and the percentiles of many merged. A five-second
 * phase yields at most a few hundred thousand samples, so sorting them all is cheap and needs no
 * histogram approximation.
 */
final class LatencySamples {

    private long[] values = new long[256];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    /** All samples of {@code parts} in one sorted array. */
    static long[] mergeSorted(List<LatencySamples> parts) {
        int total = 0;
        for (LatencySamples part : parts) {
            total += part.size;
        }
        long[] all = new long[total];
        int at = 0;
        for (LatencySamples part : parts) {
            System.arraycopy(part.values, 0, all, at, part.size);
            at += part.size;
        }
        Arrays.sort(all);
        return all;
    }

    /** The nearest-rank percentile ({@code p} in 0..100) of a sorted array, or 0 when it is empty. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
