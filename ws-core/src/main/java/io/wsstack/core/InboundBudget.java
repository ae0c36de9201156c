package io.wsstack.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A budget for the bytes that incoming messages hold while they are being assembled, shared by
 * every connection that is given it (typically one per server).
 *
 * <p>Per-connection limits ({@link ConnectionSettings#maxMessageSize()}) bound one message, but not
 * many at once: two dozen connections each sending a 16 MiB message that compresses to 16 KB on
 * the wire stay within every per-connection limit and still exhaust a 512 MiB heap. With a shared
 * budget, a message that needs more buffer than is left fails with 1013 (try again later) instead
 * of the JVM failing with {@code OutOfMemoryError} for everyone. The first
 * {@value #FREE_PER_CONNECTION} bytes of a connection's buffer are not counted, so ordinary small
 * messages never touch the shared counter.
 */
public final class InboundBudget {

    /** Buffer bytes each connection may hold without asking the budget. */
    public static final int FREE_PER_CONNECTION = 64 * 1024;

    private static final InboundBudget UNLIMITED = new InboundBudget(Long.MAX_VALUE);

    private final long limit;
    private final AtomicLong reserved = new AtomicLong();

    private InboundBudget(long limit) {
        this.limit = limit;
    }

    /** A budget of {@code bytes}; must be positive. */
    public static InboundBudget of(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("budget must be positive: " + bytes);
        }
        return new InboundBudget(bytes);
    }

    /** No shared limit: only the per-connection limits apply. */
    public static InboundBudget unlimited() {
        return UNLIMITED;
    }

    /** Takes {@code bytes} from the budget if that many are left; false (nothing taken) otherwise. */
    public boolean tryReserve(long bytes) {
        if (this == UNLIMITED) {
            return true;
        }
        while (true) {
            long now = reserved.get();
            if (now + bytes > limit) {
                return false;
            }
            if (reserved.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** Gives back bytes taken with {@link #tryReserve}. */
    public void release(long bytes) {
        if (this != UNLIMITED && bytes > 0) {
            reserved.addAndGet(-bytes);
        }
    }

    /** Bytes taken right now. */
    public long reserved() {
        return reserved.get();
    }

    /** The budget's size ({@link Long#MAX_VALUE} when unlimited). */
    public long limit() {
        return limit;
    }
}
