package io.wsstack.spring;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The effective settings of one endpoint: its own properties merged over {@code ws.defaults.*}.
 *
 * @param name              the endpoint name
 * @param path              the path template, e.g. {@code /rooms/{room}}
 * @param subprotocols      supported subprotocols; the first one in the client's order that is listed here is selected
 * @param allowedOrigins    origins allowed to connect; empty means same-origin only, {@code *} allows all
 * @param maxFrameSize      largest frame payload in bytes (1009 beyond)
 * @param maxMessageSize    largest message in bytes, after inflation (1009 beyond)
 * @param maxFragments      most frames in one message (1009 beyond)
 * @param idleTimeout       a session that receives nothing for this long is closed (1001); zero disables
 * @param pingInterval      how often the server pings an idle peer; zero disables
 * @param handshakeTimeout  deadline for the whole upgrade request; zero disables
 * @param closeTimeout      how long to wait for the peer's Close before dropping the connection
 * @param maxSendBuffer     most bytes queued for a slow peer
 * @param overflowPolicy    what happens when the send buffer would exceed {@code maxSendBuffer}
 * @param handlerDispatch   which thread runs handlers on the transports with an event loop of their own
 */
public record WsEndpointSettings(
        String name,
        String path,
        List<String> subprotocols,
        List<String> allowedOrigins,
        int maxFrameSize,
        long maxMessageSize,
        int maxFragments,
        Duration idleTimeout,
        Duration pingInterval,
        Duration handshakeTimeout,
        Duration closeTimeout,
        long maxSendBuffer,
        SendBufferOverflowPolicy overflowPolicy,
        HandlerDispatch handlerDispatch) {

    public WsEndpointSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        subprotocols = List.copyOf(subprotocols);
        allowedOrigins = List.copyOf(allowedOrigins);
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        Objects.requireNonNull(overflowPolicy, "overflowPolicy");
        Objects.requireNonNull(handlerDispatch, "handlerDispatch");
    }

    /** Settings whose handlers run off the event loop ({@link HandlerDispatch#WORKER}, the default). */
    public WsEndpointSettings(String name, String path, List<String> subprotocols, List<String> allowedOrigins,
            int maxFrameSize, long maxMessageSize, int maxFragments, Duration idleTimeout, Duration pingInterval,
            Duration handshakeTimeout, Duration closeTimeout, long maxSendBuffer,
            SendBufferOverflowPolicy overflowPolicy) {
        this(name, path, subprotocols, allowedOrigins, maxFrameSize, maxMessageSize, maxFragments, idleTimeout,
                pingInterval, handshakeTimeout, closeTimeout, maxSendBuffer, overflowPolicy, HandlerDispatch.WORKER);
    }
}
