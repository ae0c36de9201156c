package io.wsstack.spring.servlet;

import io.wsstack.spring.WsObserver;
import io.wsstack.spring.WsSessionRegistry;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * The parts every session of the servlet transport shares: the session registry, the observers
 * (called in order, a failing one logged and skipped), the timer thread, and the clock the timers
 * read. One instance per application.
 */
public final class ServletTransport {

    private final TransportContext context;

    /** A transport reading {@link System#nanoTime()}. */
    public ServletTransport(WsSessionRegistry sessions, List<? extends WsObserver> observers,
                            ScheduledExecutorService scheduler) {
        this(sessions, observers, scheduler, System::nanoTime);
    }

    /** A transport with an injected monotonic nanosecond clock (tests). */
    public ServletTransport(WsSessionRegistry sessions, List<? extends WsObserver> observers,
                            ScheduledExecutorService scheduler, LongSupplier nanoClock) {
        this.context = new TransportContext(sessions, new CompositeObserver(observers), scheduler, nanoClock);
    }

    /** The session registry. */
    public WsSessionRegistry sessions() {
        return context.sessions();
    }

    TransportContext context() {
        return context;
    }
}
