package io.wsstack.spring;

/**
 * Which thread runs an endpoint's handler methods ({@code @WsHandler}, {@code @WsOnOpen},
 * {@code @WsOnClose}, {@code @WsOnError}) on the transports that decode frames on an event loop of
 * their own: Tomcat with socket takeover ({@code ws.tomcat.socket-takeover}, plain-text NIO
 * connectors) and Reactor Netty. On Jetty and on Tomcat's servlet upgrade (TLS, NIO2, takeover off)
 * the container's own threads read the socket and run handlers, whatever this says.
 *
 * <p>Either way one session's calls never overlap, and {@code onOpen} returns before the first
 * message is handled, with what it sent queued ahead of any answer, and {@code onClose} comes
 * after it. On Reactor Netty {@code onOpen} runs where the endpoint's other handlers run; on Tomcat
 * a worker endpoint's {@code onOpen} runs on the session's handler lane too, while an event-loop
 * endpoint's runs on Tomcat's request thread before the socket is handed to the loop, so an
 * {@code onOpen} that blocks there holds a Tomcat thread, not a loop.
 */
public enum HandlerDispatch {

    /**
     * Off the event loop, one session's calls in wire order and never overlapping: on a virtual
     * thread per session's work when the runtime has them (Java 21+), otherwise on a bounded pool.
     * A handler may block (a database call); a session whose handler falls behind stops reading.
     * Costs a hand-off per read batch. The default.
     */
    WORKER,

    /**
     * On the event loop that decodes the frames: decode, handle and write on one thread with no
     * hand-off. Only for handlers that never block: while one blocks, every connection that loop
     * serves (a share of all of them) stalls.
     */
    EVENT_LOOP
}
