package io.wsstack.spring.reactive;

import io.wsstack.spring.WsObserver;
import io.wsstack.spring.WsSessionRegistry;
import io.wsstack.spring.servlet.ServletTransport;
import io.wsstack.spring.servlet.TransportContext;
import io.wsstack.spring.servlet.WsTransportScheduler;

import java.util.List;

/**
 * What every session on Reactor Netty shares: the session registry, the observers, the timer thread
 * for idle, keep-alive and close deadlines ({@link WsTransportScheduler}, as on the servlet
 * containers), and the {@link HandlerDispatcher}, which it owns and stops on {@link #close()}. The
 * session parts are those of the servlet transport (the same session runs on both).
 */
public final class ReactorNettyTransport implements AutoCloseable {

    private final HandlerDispatcher dispatcher;
    private final TransportContext context;

    /**
     * @param sessions   where open sessions are registered
     * @param observers  observers, called in order
     * @param timers     the timer thread
     * @param dispatcher where handlers run off the event loop; closed with this transport
     */
    public ReactorNettyTransport(WsSessionRegistry sessions, List<? extends WsObserver> observers,
                                 WsTransportScheduler timers, HandlerDispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.context = new ServletTransport(sessions, observers, timers.executor()).context();
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
        dispatcher.close();
    }
}
