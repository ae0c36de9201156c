package io.wsstack.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Single-value rules of the {@code ws.*} properties. Each check receives the full property name
 * and throws an {@link InvalidConfigurationPropertyValueException}, which Spring Boot's failure
 * analysis prints as "Invalid value ... for configuration property 'ws....'" with the reason.
 * (Throwing from a setter instead would be reported against the parent object only.) A
 * {@code null} value means "unset" and passes; {@link #present} rejects it where a value is
 * required.
 */
final class PropertyChecks {

    private PropertyChecks() {
    }

    /** A value that must be given: the defaults have no "unset" state. */
    static void present(String property, Object value) {
        if (value == null) {
            throw invalid(property, null, "must not be empty");
        }
    }

    /** A size that a frame length can hold: 1 byte to 2 GiB - 1. */
    static void frameSize(String property, DataSize size) {
        if (size != null && (size.toBytes() < 1 || size.toBytes() > Integer.MAX_VALUE)) {
            throw invalid(property, size, "must be between 1B and " + Integer.MAX_VALUE + "B");
        }
    }

    /** A size of at least one byte. */
    static void positiveSize(String property, DataSize size) {
        if (size != null && size.toBytes() < 1) {
            throw invalid(property, size, "must be at least 1B");
        }
    }

    /** A size of zero bytes or more. */
    static void nonNegativeSize(String property, DataSize size) {
        if (size != null && size.isNegative()) {
            throw invalid(property, size, "must not be negative");
        }
    }

    /** A count of at least one. */
    static void positiveCount(String property, Integer count) {
        if (count != null && count < 1) {
            throw invalid(property, count, "must be at least 1");
        }
    }

    /** A duration of zero (meaning off) or more. */
    static void nonNegative(String property, Duration duration) {
        if (duration != null && duration.isNegative()) {
            throw invalid(property, duration, "must not be negative (0 turns it off)");
        }
    }

    /** A duration strictly greater than zero. */
    static void positive(String property, Duration duration) {
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw invalid(property, duration, "must be greater than zero");
        }
    }

    /** A value within {@code [min, max]}. */
    static void within(String property, int value, int min, int max) {
        if (value < min || value > max) {
            throw invalid(property, value, "must be between " + min + " and " + max);
        }
    }

    static InvalidConfigurationPropertyValueException invalid(String property, Object value, String reason) {
        return new InvalidConfigurationPropertyValueException(property, value, reason);
    }
}
