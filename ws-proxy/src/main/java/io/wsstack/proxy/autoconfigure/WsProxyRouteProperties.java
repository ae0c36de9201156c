package io.wsstack.proxy.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ws.proxy.routes.<name>.*}: one reverse-proxy route. Frame, message and fragment limits,
 * the send buffer and its overflow policy, idle, keep-alive, handshake and close timeouts come from
 * {@code ws.defaults.*} and apply to each hop separately.
 */
public class WsProxyRouteProperties {

    /** Path template clients connect to, with {variables} as whole segments, such as /backend/{room}. */
    private String path;

    /**
     * The upstream WebSocket server, a ws:// or wss:// URI; it may use the path's {variables}, such
     * as ws://chat.internal:8080/rooms/{room}.
     */
    private String upstream;

    /**
     * Request headers passed on to the upstream, by name. Hop-by-hop headers, the handshake's own
     * headers and X-Forwarded-* (which the proxy writes itself) may not be listed. Authorization and
     * Cookie are passed only when listed here.
     */
    private List<String> forwardHeaders = new ArrayList<>(List.of("User-Agent", "Accept-Language"));

    /**
     * Origins allowed to open a session through this route, as "scheme://host[:port]". Unset
     * inherits ws.defaults.allowed-origins (same origin only unless configured); "*" allows all.
     */
    private List<String> allowedOrigins;

    /** Deadline for the TCP (and TLS) connection to the upstream; when it passes the client is answered 504. */
    private Duration connectTimeout = Duration.ofSeconds(5);

    /**
     * How long a message may wait for the slower side to take it: the upstream reading what the
     * client sent, or the client's send buffer draining. Beyond it the upstream connection is
     * dropped (the client gets 1011), or the client's send-buffer-overflow policy applies.
     */
    private Duration sendTimeout = Duration.ofSeconds(10);

    /**
     * Name of a Spring Boot SSL bundle (spring.ssl.bundle.*) for a wss:// upstream: its trust
     * material verifies the upstream's certificate, its key material (if any) is the proxy's client
     * certificate. Unset uses the JVM's default trust store. Host names are always verified.
     */
    private String sslBundle;

    public String getPath() {
        return this.path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getUpstream() {
        return this.upstream;
    }

    public void setUpstream(String upstream) {
        this.upstream = upstream;
    }

    public List<String> getForwardHeaders() {
        return this.forwardHeaders;
    }

    public void setForwardHeaders(List<String> forwardHeaders) {
        this.forwardHeaders = forwardHeaders;
    }

    public List<String> getAllowedOrigins() {
        return this.allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    public Duration getConnectTimeout() {
        return this.connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public String getSslBundle() {
        return this.sslBundle;
    }

    public void setSslBundle(String sslBundle) {
        this.sslBundle = sslBundle;
    }

    public Duration getSendTimeout() {
        return this.sendTimeout;
    }

    public void setSendTimeout(Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }
}
