package io.wsstack.spring.servlet;

/**
 * The entry point for transports outside this package (Reactor Netty's, in its own module): opens
 * the same session, with the same queue, timers, handler calls and observers, on any
 * {@link FrameTransport}. Once the transport-neutral session core of issue 11 lands in ws-core,
 * transports open sessions there instead.
 */
public final class TransportSessions {

    private TransportSessions() {
    }

    /**
     * Opens a session on a connection that has switched protocols: writing, registry, timers,
     * {@code onOpen}, then {@link FrameTransport#startReading reading}. If opening fails the
     * connection is dropped and the session reports 1006.
     */
    public static void open(SessionSetup setup, FrameTransport transport) {
        ServletWsSession.open(setup, transport);
    }
}
