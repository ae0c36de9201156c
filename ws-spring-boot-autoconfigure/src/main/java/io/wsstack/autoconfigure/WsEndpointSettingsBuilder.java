package io.wsstack.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.wsstack.spring.HandlerDispatch;
import io.wsstack.spring.PathTemplate;
import io.wsstack.spring.SendBufferOverflowPolicy;
import io.wsstack.spring.WsEndpointSettings;

/**
 * A mutable copy of one endpoint's {@link WsEndpointSettings}, handed to
 * {@link WsEndpointSettingsCustomizer}s. The name is fixed; everything else may change.
 */
public final class WsEndpointSettingsBuilder {

    private final String name;
    private String path;
    private List<String> subprotocols;
    private List<String> allowedOrigins;
    private int maxFrameSize;
    private long maxMessageSize;
    private int maxFragments;
    private Duration idleTimeout;
    private Duration pingInterval;
    private Duration handshakeTimeout;
    private Duration closeTimeout;
    private long maxSendBuffer;
    private SendBufferOverflowPolicy overflowPolicy;
    private HandlerDispatch handlerDispatch;

    /** A builder holding the values of {@code settings}. */
    public WsEndpointSettingsBuilder(WsEndpointSettings settings) {
        this.name = settings.name();
        this.path = settings.path();
        this.subprotocols = settings.subprotocols();
        this.allowedOrigins = settings.allowedOrigins();
        this.maxFrameSize = settings.maxFrameSize();
        this.maxMessageSize = settings.maxMessageSize();
        this.maxFragments = settings.maxFragments();
        this.idleTimeout = settings.idleTimeout();
        this.pingInterval = settings.pingInterval();
        this.handshakeTimeout = settings.handshakeTimeout();
        this.closeTimeout = settings.closeTimeout();
        this.maxSendBuffer = settings.maxSendBuffer();
        this.overflowPolicy = settings.overflowPolicy();
        this.handlerDispatch = settings.handlerDispatch();
    }

    /** The endpoint name, which customizers cannot change. */
    public String name() {
        return this.name;
    }

    /** The current path template. */
    public String path() {
        return this.path;
    }

    /** Sets the path template, such as {@code /rooms/{room}}. */
    public WsEndpointSettingsBuilder path(String path) {
        this.path = Objects.requireNonNull(path, "path");
        return this;
    }

    /** Sets the supported subprotocols. */
    public WsEndpointSettingsBuilder subprotocols(List<String> subprotocols) {
        this.subprotocols = List.copyOf(subprotocols);
        return this;
    }

    /** Sets the allowed origins (empty: same origin only; {@code *}: all). */
    public WsEndpointSettingsBuilder allowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
        return this;
    }

    /** Sets the largest incoming frame payload, in bytes. */
    public WsEndpointSettingsBuilder maxFrameSize(int bytes) {
        this.maxFrameSize = bytes;
        return this;
    }

    /** Sets the largest incoming message, in bytes. */
    public WsEndpointSettingsBuilder maxMessageSize(long bytes) {
        this.maxMessageSize = bytes;
        return this;
    }

    /** Sets the most frames per incoming message. */
    public WsEndpointSettingsBuilder maxFragments(int frames) {
        this.maxFragments = frames;
        return this;
    }

    /** Sets the idle timeout (zero: off). */
    public WsEndpointSettingsBuilder idleTimeout(Duration timeout) {
        this.idleTimeout = Objects.requireNonNull(timeout, "idleTimeout");
        return this;
    }

    /** Sets the keep-alive ping interval (zero: off). */
    public WsEndpointSettingsBuilder pingInterval(Duration interval) {
        this.pingInterval = Objects.requireNonNull(interval, "pingInterval");
        return this;
    }

    /** Sets the handshake deadline (zero: off). */
    public WsEndpointSettingsBuilder handshakeTimeout(Duration timeout) {
        this.handshakeTimeout = Objects.requireNonNull(timeout, "handshakeTimeout");
        return this;
    }

    /** Sets how long to wait for the peer's Close frame. */
    public WsEndpointSettingsBuilder closeTimeout(Duration timeout) {
        this.closeTimeout = Objects.requireNonNull(timeout, "closeTimeout");
        return this;
    }

    /** Sets the most bytes queued for a slow peer. */
    public WsEndpointSettingsBuilder maxSendBuffer(long bytes) {
        this.maxSendBuffer = bytes;
        return this;
    }

    /** Sets what happens when the send buffer would overflow. */
    public WsEndpointSettingsBuilder overflowPolicy(SendBufferOverflowPolicy policy) {
        this.overflowPolicy = Objects.requireNonNull(policy, "overflowPolicy");
        return this;
    }

    /** Sets which thread runs the endpoint's handlers on transports with an event loop of their own. */
    public WsEndpointSettingsBuilder handlerDispatch(HandlerDispatch dispatch) {
        this.handlerDispatch = Objects.requireNonNull(dispatch, "handlerDispatch");
        return this;
    }

    /**
     * The settings as they stand now.
     *
     * @throws IllegalArgumentException naming the endpoint and the setting when a customizer left
     *                                  a limit that is not positive, a negative duration or a bad path
     */
    public WsEndpointSettings build() {
        requirePositive(maxFrameSize, "maxFrameSize");
        requirePositive(maxMessageSize, "maxMessageSize");
        requirePositive(maxFragments, "maxFragments");
        requirePositive(maxSendBuffer, "maxSendBuffer");
        requireNonNegative(idleTimeout, "idleTimeout");
        requireNonNegative(pingInterval, "pingInterval");
        requireNonNegative(handshakeTimeout, "handshakeTimeout");
        if (closeTimeout.isNegative() || closeTimeout.isZero()) {
            throw invalid("closeTimeout must be greater than zero, not " + closeTimeout);
        }
        try {
            PathTemplate.parse(path);
        } catch (IllegalArgumentException ex) {
            throw invalid(ex.getMessage());
        }
        return new WsEndpointSettings(name, path, subprotocols, allowedOrigins, maxFrameSize, maxMessageSize,
                maxFragments, idleTimeout, pingInterval, handshakeTimeout, closeTimeout, maxSendBuffer,
                overflowPolicy, handlerDispatch);
    }

    private void requirePositive(long value, String setting) {
        if (value < 1) {
            throw invalid(setting + " must be positive, not " + value);
        }
    }

    private void requireNonNegative(Duration value, String setting) {
        if (value.isNegative()) {
            throw invalid(setting + " must not be negative, not " + value);
        }
    }

    private IllegalArgumentException invalid(String reason) {
        return new IllegalArgumentException("endpoint '" + name + "' after customizers: " + reason);
    }
}
