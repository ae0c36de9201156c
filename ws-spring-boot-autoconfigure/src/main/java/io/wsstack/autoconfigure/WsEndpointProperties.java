package io.wsstack.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.wsstack.spring.SendBufferOverflowPolicy;

import org.springframework.util.unit.DataSize;

/**
 * {@code ws.endpoints.<name>.*}: one endpoint. Every setting but {@code path} may be left unset,
 * in which case the endpoint inherits it from {@code ws.defaults.*}; that is why the fields are
 * nullable wrappers.
 */
public class WsEndpointProperties {

    /** Path template of the endpoint, such as "/chat" or "/rooms/{room}". Required. */
    private String path;

    /** Subprotocols the endpoint supports (RFC 6455 §1.9); inherits ws.defaults.subprotocols when unset. */
    private List<String> subprotocols;

    /** Origins allowed to connect; inherits ws.defaults.allowed-origins when unset. */
    private List<String> allowedOrigins;

    /** Largest payload of one incoming frame; inherits ws.defaults.max-frame-size when unset. */
    private DataSize maxFrameSize;

    /** Largest incoming message; inherits ws.defaults.max-message-size when unset. */
    private DataSize maxMessageSize;

    /** Most frames per incoming message; inherits ws.defaults.max-fragments when unset. */
    private Integer maxFragments;

    /** Idle timeout (0 turns it off); inherits ws.defaults.idle-timeout when unset. */
    private Duration idleTimeout;

    /** Keep-alive ping interval (0 turns it off); inherits ws.defaults.ping-interval when unset. */
    private Duration pingInterval;

    /** Deadline for a handshake the starter performs itself (see ws.defaults.handshake-timeout); inherits it when unset. */
    private Duration handshakeTimeout;

    /** Wait for the peer's Close frame; inherits ws.defaults.close-timeout when unset. */
    private Duration closeTimeout;

    /** Most bytes queued for a slow peer; inherits ws.defaults.max-send-buffer when unset. */
    private DataSize maxSendBuffer;

    /** Policy when max-send-buffer is exceeded; inherits ws.defaults.send-buffer-overflow when unset. */
    private SendBufferOverflowPolicy sendBufferOverflow;

    public String getPath() {
        return this.path;
    }

    public void setPath(String path) {
        this.path = path;
    }

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

    public Integer getMaxFragments() {
        return this.maxFragments;
    }

    public void setMaxFragments(Integer maxFragments) {
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
}
