package io.wsstack.spring.cluster;

import java.time.Duration;

/**
 * How much of each group's traffic is kept for clients that catch up.
 *
 * @param maxLength entries kept per group; 0 keeps none (history off)
 * @param maxAge    entries older than this are dropped
 */
public record HistoryLimits(int maxLength, Duration maxAge) {

    /** History off. */
    public static final HistoryLimits NONE = new HistoryLimits(0, Duration.ZERO);

    public HistoryLimits {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must not be negative");
        }
        if (maxLength > 0 && (maxAge == null || maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException("maxAge must be positive when history is kept");
        }
    }

    /** Whether any history is kept. */
    public boolean enabled() {
        return maxLength > 0;
    }
}
