package io.wsstack.autoconfigure;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * Single-value checks run by the property setters. A setter that throws makes the binder fail
 * with a {@code BindException} naming the property, so the messages here only say why.
 */
final class PropertyChecks {

    private PropertyChecks() {
    }

    /** A value that must be given: the defaults have no "unset" state. */
    static <T> T present(T value) {
        if (value == null) {
            throw new IllegalArgumentException("must not be empty");
        }
        return value;
    }

    /** A size that a frame length can hold: 1 byte to 2 GiB - 1. */
    static DataSize frameSize(DataSize size) {
        if (size != null && (size.toBytes() < 1 || size.toBytes() > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("must be between 1B and " + Integer.MAX_VALUE + "B, not " + size);
        }
        return size;
    }

    /** A size of at least one byte. */
    static DataSize positiveSize(DataSize size) {
        if (size != null && size.toBytes() < 1) {
            throw new IllegalArgumentException("must be at least 1B, not " + size);
        }
        return size;
    }

    /** A count of at least one. */
    static Integer positiveCount(Integer count) {
        if (count != null && count < 1) {
            throw new IllegalArgumentException("must be at least 1, not " + count);
        }
        return count;
    }

    /** A duration of zero (meaning off) or more. */
    static Duration nonNegative(Duration duration) {
        if (duration != null && duration.isNegative()) {
            throw new IllegalArgumentException("must not be negative (0 turns it off), not " + duration);
        }
        return duration;
    }

    /** A duration strictly greater than zero. */
    static Duration positive(Duration duration) {
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("must be greater than zero, not " + duration);
        }
        return duration;
    }

    /** A value within {@code [min, max]}. */
    static int within(int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }
}
