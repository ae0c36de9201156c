package io.wsstack.autoconfigure;

import java.util.List;

import io.wsstack.spring.HandlerDispatch;
import io.wsstack.spring.SendBufferOverflowPolicy;

/**
 * {@code ws.endpoints.<name>.*}: one endpoint. Every setting but {@code path} may be left unset,
 * in which case the endpoint inherits it from {@code ws.defaults.*}; that is why the fields are
 * nullable wrappers. The limits and timeouts it shares with the client are in
 * {@link WsLimitsProperties}.
 */
public class WsEndpointProperties extends WsLimitsProperties {

    /** Path template of the endpoint, such as "/chat" or "/rooms/{room}". Required. */
    private String path;

    /** Subprotocols the endpoint supports (RFC 6455 §1.9); inherits ws.defaults.subprotocols when unset. */
    private List<String> subprotocols;

    /** Origins allowed to connect; inherits ws.defaults.allowed-origins when unset. */
    private List<String> allowedOrigins;

    /** Most frames per incoming message; inherits ws.defaults.max-fragments when unset. */
    private Integer maxFragments;

    /** Policy when max-send-buffer is exceeded; inherits ws.defaults.send-buffer-overflow when unset. */
    private SendBufferOverflowPolicy sendBufferOverflow;

    /**
     * Which thread runs this endpoint's handlers on Tomcat with socket takeover and on Reactor
     * Netty. "worker": off the event loop, in per-session order (virtual threads on Java 21+, else
     * a bounded pool), so a handler may block; costs a hand-off per read batch. "event-loop": on the
     * loop that decodes the frames, no hand-off, only for handlers that never block (a blocked loop
     * stalls every connection it serves). Jetty and Tomcat's servlet upgrade (TLS, NIO2, takeover
     * off) ignore it: container threads run handlers there. Inherits ws.defaults.handler-dispatch
     * when unset.
     */
    private HandlerDispatch handlerDispatch;

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

    public Integer getMaxFragments() {
        return this.maxFragments;
    }

    public void setMaxFragments(Integer maxFragments) {
        this.maxFragments = maxFragments;
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
