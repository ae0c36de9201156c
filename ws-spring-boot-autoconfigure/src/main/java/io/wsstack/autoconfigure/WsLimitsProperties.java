package io.wsstack.autoconfigure;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * The limits and timeouts that a WebSocket connection has on either end, under the same property
 * names wherever they appear: a server endpoint ({@code ws.endpoints.NAME.*}, where an unset value
 * is inherited from {@code ws.defaults.*}) and the client ({@code ws.client.*}, whose defaults its
 * class sets).
 */
public class WsLimitsProperties {

    /** Largest payload of one incoming frame (1009 beyond). */
    private DataSize maxFrameSize;

    /** Largest incoming message, after inflation (1009 beyond). */
    private DataSize maxMessageSize;

    /** Close a session (1001) that received nothing for this long; 0 turns it off. */
    private Duration idleTimeout;

    /** Ping the peer after this long without incoming bytes; 0 turns the keep-alive off. */
    private Duration pingInterval;

    /** Deadline for the opening handshake. */
    private Duration handshakeTimeout;

    /** How long to wait for the peer's Close frame before dropping the connection. */
    private Duration closeTimeout;

    /** Most bytes of messages queued per session for a peer that reads slowly. */
    private DataSize maxSendBuffer;

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
}
