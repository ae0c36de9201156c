package io.wsstack.autoconfigure.metrics;

/**
 * Turns a close code into a bounded set of tag values, each with a small index for meter caches.
 *
 * <p>Codes 1000–1015 (defined by RFC 6455 §7.4.1 and the IANA registry, including the
 * never-on-the-wire 1005, 1006 and 1015) keep their number. The peer may pick any code in 3000–4999
 * (registered and private use, RFC 6455 §7.4.2), so those become {@code 3xxx} and {@code 4xxx}:
 * a peer must not be able to create two thousand time series per endpoint. Anything else is
 * {@code other}.
 */
final class CloseCodeTags {

    private static final int FIRST_NUMBERED = 1000;
    private static final int LAST_NUMBERED = 1015;
    private static final int NUMBERED = LAST_NUMBERED - FIRST_NUMBERED + 1;
    private static final int REGISTERED_INDEX = NUMBERED;
    private static final int PRIVATE_INDEX = NUMBERED + 1;
    private static final int OTHER_INDEX = NUMBERED + 2;

    /** How many distinct tag values there are; indexes run from 0 to {@code SIZE - 1}. */
    static final int SIZE = NUMBERED + 3;

    private CloseCodeTags() {
    }

    /** The cache index of a close code. */
    static int index(int code) {
        if (code >= FIRST_NUMBERED && code <= LAST_NUMBERED) {
            return code - FIRST_NUMBERED;
        }
        if (code >= 3000 && code <= 3999) {
            return REGISTERED_INDEX;
        }
        if (code >= 4000 && code <= 4999) {
            return PRIVATE_INDEX;
        }
        return OTHER_INDEX;
    }

    /** The tag value for a cache index. */
    static String value(int index) {
        if (index < NUMBERED) {
            return Integer.toString(FIRST_NUMBERED + index);
        }
        return switch (index) {
            case REGISTERED_INDEX -> "3xxx";
            case PRIVATE_INDEX -> "4xxx";
            default -> "other";
        };
    }
}
