package io.wsstack.spring.reactive;

import io.wsstack.spring.WsObserver;
import io.wsstack.spring.WsSessionRegistry;
import io.wsstack.spring.servlet.ServletTransport;
import io.wsstack.spring.servlet.TransportContext;

import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every session on Reactor Netty shares: the session registry, the observers, one timer thread
 * for idle, keep-alive and close deadlines, and the {@link HandlerDispatcher}. The session parts are
 * those of the servlet transport (the same session runs on both). It owns its threads and stops them
 * on {@link #close()}; it publishes no {@code ScheduledExecutorService} or {@code Executor}, which
 * Spring Boot's own auto-configurations look for.
 */
public final class ReactorNettyTransport implements AutoCloseable {

    private final ScheduledThreadPoolExecutor timers;
    private final HandlerDispatcher dispatcher;
    private final TransportContext context;

    /**
     * @param sessions   where open sessions are registered
     * @param observers  observers, called in order
     * @param dispatcher where handlers run off the event loop; closed with this transport
     */
    public ReactorNettyTransport(WsSessionRegistry sessions, List<? extends WsObserver> observers,
                                 HandlerDispatcher dispatcher) {
        AtomicInteger count = new AtomicInteger();
        this.timers = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "ws-timer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.timers.setRemoveOnCancelPolicy(true);
        this.dispatcher = dispatcher;
        this.context = new ServletTransport(sessions, observers, timers).context();
    }

    /** The session registry. */
    public WsSessionRegistry sessions() {
        return context.sessions();
    }

    /** Where handlers run off the event loop. */
    public HandlerDispatcher dispatcher() {
        return dispatcher;
    }

    /** The sessions' shared parts. */
    public TransportContext context() {
        return context;
    }

    @Override
    public void close() {
        timers.shutdownNow();
        dispatcher.close();
    }
}
