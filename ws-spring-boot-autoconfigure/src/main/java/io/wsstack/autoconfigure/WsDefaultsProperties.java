package io.wsstack.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.wsstack.spring.HandlerDispatch;
import io.wsstack.spring.SendBufferOverflowPolicy;

import org.springframework.util.unit.DataSize;

/**
 * {@code ws.defaults.*}: the settings every endpoint inherits unless it sets its own. The
 * defaults follow the common practice of other WebSocket servers (1 MiB messages as Python
 * websockets, a 10 s handshake deadline as Netty) while keeping every resource bounded.
 */
public class WsDefaultsProperties {

    /** Subprotocols every endpoint supports unless it lists its own (RFC 6455 §1.9). */
    private List<String> subprotocols = new ArrayList<>();

    /**
     * Origins allowed to open a session, as "scheme://host[:port]". Empty allows only the
     * application's own origin; "*" allows every origin and must stand alone.
     */
    private List<String> allowedOrigins = new ArrayList<>();

    /** Largest payload of one incoming frame; a larger frame closes the session with 1009. */
    private DataSize maxFrameSize = DataSize.ofMegabytes(1);

    /** Largest incoming message, after inflation when compressed; a larger one closes with 1009. */
    private DataSize maxMessageSize = DataSize.ofMegabytes(1);

    /** Most frames one incoming message may be split into; more closes the session with 1009. */
    private int maxFragments = 4096;

    /** A session that receives nothing for this long is closed with 1001. 0 turns it off. */
    private Duration idleTimeout = Duration.ofSeconds(60);

    /** How often an idle peer is pinged to keep the connection and detect its loss. 0 turns it off. */
    private Duration pingInterval = Duration.ofSeconds(25);

    /**
     * Deadline for a handshake the starter performs itself (the reverse proxy's upstream
     * handshake). The servlet transport cannot enforce it on incoming upgrades: the container has
     * read the request head before any filter runs, so slow handshakes are bounded by the
     * container's own timeouts (server.tomcat.connection-timeout, server.jetty.connection-idle-timeout).
     */
    private Duration handshakeTimeout = Duration.ofSeconds(10);

    /** How long to wait for the peer's Close frame before dropping the connection. */
    private Duration closeTimeout = Duration.ofSeconds(10);

    /** Most bytes queued for a peer that reads slower than the application sends. */
    private DataSize maxSendBuffer = DataSize.ofMegabytes(1);

    /** What happens when a send would exceed max-send-buffer: close the session (1008) or drop the new message. */
    private SendBufferOverflowPolicy sendBufferOverflow = SendBufferOverflowPolicy.CLOSE;

    /**
     * Which thread runs handlers on the transports that decode on an event loop of their own (Tomcat
     * with socket takeover, Reactor Netty). "worker": off the loop, in per-session order (virtual
     * threads on Java 21+, else a bounded pool); a handler may block, at the cost of a hand-off per
     * read batch. "event-loop": on the loop, no hand-off, for handlers that never block (a blocked
     * loop stalls every connection it serves). Jetty and Tomcat's servlet upgrade (TLS, NIO2,
     * takeover off) run handlers on container threads either way.
     */
    private HandlerDispatch handlerDispatch = HandlerDispatch.WORKER;

    public List<String> getSubprotocols() {
        return this.subprotocols;
    }

    public void setSubprotocols(List<String> subprotocols) {
        this.subprotocols = subprotocols;
    }

    public List<String> getAllowedOrigins() {
        return this.allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    public DataSize getMaxFrameSize() {
        return this.maxFrameSize;
    }

    public void setMaxFrameSize(DataSize maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    public DataSize getMaxMessageSize() {
        return this.maxMessageSize;
    }

    public void setMaxMessageSize(DataSize maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public int getMaxFragments() {
        return this.maxFragments;
    }

    public void setMaxFragments(int maxFragments) {
        this.maxFragments = maxFragments;
    }

    public Duration getIdleTimeout() {
        return this.idleTimeout;
    }

    public void setIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    public Duration getPingInterval() {
        return this.pingInterval;
    }

    public void setPingInterval(Duration pingInterval) {
        this.pingInterval = pingInterval;
    }

    public Duration getHandshakeTimeout() {
        return this.handshakeTimeout;
    }

    public void setHandshakeTimeout(Duration handshakeTimeout) {
        this.handshakeTimeout = handshakeTimeout;
    }

    public Duration getCloseTimeout() {
        return this.closeTimeout;
    }

    public void setCloseTimeout(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    public DataSize getMaxSendBuffer() {
        return this.maxSendBuffer;
    }

    public void setMaxSendBuffer(DataSize maxSendBuffer) {
        this.maxSendBuffer = maxSendBuffer;
    }

    public SendBufferOverflowPolicy getSendBufferOverflow() {
        return this.sendBufferOverflow;
    }

    public void setSendBufferOverflow(SendBufferOverflowPolicy sendBufferOverflow) {
        this.sendBufferOverflow = sendBufferOverflow;
    }

    public HandlerDispatch getHandlerDispatch() {
        return this.handlerDispatch;
    }

    public void setHandlerDispatch(HandlerDispatch handlerDispatch) {
        this.handlerDispatch = handlerDispatch;
    }
}
