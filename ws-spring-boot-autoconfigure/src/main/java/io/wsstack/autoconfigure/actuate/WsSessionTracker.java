package io.wsstack.autoconfigure.actuate;

import io.wsstack.spring.WsObserver;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts sessions per endpoint from the transport's events, for the {@code ws} Actuator endpoint
 * and health indicator. It needs nothing but the {@link WsObserver} hook, so it works with any
 * transport and without Micrometer.
 *
 * <p>Only the endpoints named at construction are tracked; events for any other name are ignored,
 * so a client cannot make this map grow.
 */
public final class WsSessionTracker implements WsObserver {

    /**
     * Session counts of one endpoint at one moment.
     *
     * @param active     sessions open now
     * @param opened     sessions opened since start-up
     * @param compressed sessions opened with permessage-deflate since start-up
     */
    public record Activity(long active, long opened, long compressed) {

        /** No sessions at all. */
        public static final Activity NONE = new Activity(0, 0, 0);
    }

    private final Map<String, Counts> counts;

    /** Tracks the sessions of these endpoints. */
    public WsSessionTracker(Collection<String> endpointNames) {
        Map<String, Counts> byName = new HashMap<>();
        for (String name : endpointNames) {
            byName.put(name, new Counts());
        }
        this.counts = Map.copyOf(byName);
    }

    /** Sessions only: a message costs this observer nothing. */
    @Override
    public EndpointObserver bind(String endpoint) {
        return EndpointObserver.NONE;
    }

    @Override
    public void sessionOpened(String endpoint, boolean compressed) {
        Counts c = counts(endpoint);
        if (c != null) {
            c.active.incrementAndGet();
            c.opened.increment();
            if (compressed) {
                c.compressed.increment();
            }
        }
    }

    @Override
    public void sessionClosed(String endpoint, int closeCode) {
        Counts c = counts(endpoint);
        if (c != null) {
            c.active.decrementAndGet();
        }
    }

    /** The counts of this endpoint, or {@link Activity#NONE} for a name that is not tracked. */
    public Activity activity(String endpoint) {
        Counts c = counts(endpoint);
        if (c == null) {
            return Activity.NONE;
        }
        return new Activity(c.active.get(), c.opened.sum(), c.compressed.sum());
    }

    /** Sessions open now, over all endpoints. */
    public long totalActive() {
        long total = 0;
        for (Counts c : counts.values()) {
            total += c.active.get();
        }
        return total;
    }

    private Counts counts(String endpoint) {
        return endpoint == null ? null : counts.get(endpoint);
    }

    private static final class Counts {
        final AtomicLong active = new AtomicLong();
        final LongAdder opened = new LongAdder();
        final LongAdder compressed = new LongAdder();
    }
}
