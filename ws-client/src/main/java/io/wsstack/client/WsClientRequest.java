package io.wsstack.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@link WsClient#connect(java.net.URI, WsClientRequest)} asks for besides the URI: the
 * listener, the subprotocols to offer, and extra request headers such as {@code Origin},
 * {@code Authorization} or {@code Cookie}. Immutable; build with {@link #builder(WsClientListener)}.
 *
 * <p>Headers the handshake writes itself (Host, Upgrade, Connection, the Sec-WebSocket-* fields)
 * cannot be set here; the attempt fails with {@link IllegalArgumentException} if one is.
 */
public final class WsClientRequest {

    private final WsClientListener listener;
    private final List<String> subprotocols;
    private final List<Map.Entry<String, String>> headers;

    private WsClientRequest(Builder b) {
        this.listener = b.listener;
        this.subprotocols = List.copyOf(b.subprotocols);
        this.headers = List.copyOf(b.headers);
    }

    /** A builder for a request whose events go to {@code listener}. */
    public static Builder builder(WsClientListener listener) {
        return new Builder(listener);
    }

    /** A request with no subprotocols and no extra headers. */
    public static WsClientRequest of(WsClientListener listener) {
        return builder(listener).build();
    }

    /** Receives the session's events. */
    public WsClientListener listener() {
        return listener;
    }

    /** Subprotocols to offer, most preferred first (RFC 6455 §4.1 item 10). */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /** Extra request headers, in the order they are sent. */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** Builds a {@link WsClientRequest}. */
    public static final class Builder {
        private final WsClientListener listener;
        private final List<String> subprotocols = new ArrayList<>(2);
        private final List<Map.Entry<String, String>> headers = new ArrayList<>(4);

        private Builder(WsClientListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
        }

        /** Offers a subprotocol; call in order of preference. */
        public Builder subprotocol(String protocol) {
            subprotocols.add(Objects.requireNonNull(protocol, "protocol"));
            return this;
        }

        /** Offers subprotocols, most preferred first. */
        public Builder subprotocols(List<String> protocols) {
            protocols.forEach(this::subprotocol);
            return this;
        }

        /** Adds a request header; repeated names are sent as repeated lines. */
        public Builder header(String name, String value) {
            headers.add(Map.entry(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
            return this;
        }

        /** Adds request headers in order, as {@link #header} does for each. */
        public Builder headers(List<Map.Entry<String, String>> entries) {
            entries.forEach(e -> header(e.getKey(), e.getValue()));
            return this;
        }

        /** The immutable request. */
        public WsClientRequest build() {
            return new WsClientRequest(this);
        }
    }
}
