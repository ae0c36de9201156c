package io.wsstack.spring.reactive;

import io.wsstack.spring.servlet.ServletTransport;
import io.wsstack.spring.servlet.TransportContext;
import io.wsstack.spring.servlet.WsTransportScheduler;
import io.wsstack.spring.transport.HandlerDispatcher;
import io.wsstack.spring.transport.LiveSessions;

/**
 * What every session on Reactor Netty shares: the open sessions, the observers, the timer thread
 * for idle, keep-alive and close deadlines ({@link WsTransportScheduler}, as on the servlet
 * containers), and the {@link HandlerDispatcher}, which it owns and stops on {@link #close()}. The
 * session parts are those of the servlet transport (the same session runs on both).
 */
public final class ReactorNettyTransport implements AutoCloseable {

    private final HandlerDispatcher dispatcher;
    private final TransportContext context;

    /**
     * @param sessionParts the session parts shared with the servlet transport (registry, observers,
     *                     timer thread, engine settings, inbound budget)
     * @param dispatcher   where handlers run off the event loop; closed with this transport
     */
    public ReactorNettyTransport(ServletTransport sessionParts, HandlerDispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.context = sessionParts.context();
    }

    /** The open sessions, as this transport adds and removes them. */
    public LiveSessions sessions() {
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
