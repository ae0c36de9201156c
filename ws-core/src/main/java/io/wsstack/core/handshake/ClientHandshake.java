package io.wsstack.core.handshake;

import io.wsstack.core.extension.ExtensionOffer;

import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The client's side of the opening handshake (RFC 6455 §4.1): builds the upgrade request. The
 * {@link ClientHandshakeRequest} it produces then checks the server's answer.
 *
 * <pre>{@code
 * ClientHandshakeRequest request = ClientHandshake.builder(URI.create("wss://example.com/chat"))
 *         .addProtocol("chat.v2")
 *         .header("Origin", "https://example.com")
 *         .build();
 * socket.write(request.bytes());
 * ClientHandshakeResult result = request.validate(received); // null until the whole head is in
 * }</pre>
 */
public final class ClientHandshake {

    private ClientHandshake() {
    }

    /**
     * Starts a request for {@code pathAndQuery} on {@code host}.
     *
     * @param host         the {@code Host} header value: a name or address, optionally with {@code :port};
     *                     an IPv6 address in brackets
     * @param pathAndQuery the request target, starting with {@code /}, without a fragment (RFC 6455 §3)
     */
    public static Builder builder(String host, String pathAndQuery) {
        return new Builder(host, pathAndQuery);
    }

    /**
     * Starts a request for a {@code ws://} or {@code wss://} URI (RFC 6455 §3). The port goes into
     * {@code Host} only when it differs from the scheme's default (80 or 443).
     *
     * @throws IllegalArgumentException for another scheme, a missing host, a fragment or user info
     */
    public static Builder builder(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort = switch (scheme) {
            case "ws" -> 80;
            case "wss" -> 443;
            default -> throw new IllegalArgumentException("WebSocket URIs use ws:// or wss://, not " + uri.getScheme());
        };
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("WebSocket URI has no host: " + uri);
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("WebSocket URIs must not have a fragment (RFC 6455 §3)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("Credentials in the URI are not sent; use an Authorization header");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        Builder builder = new Builder(uri.getHost(), target);
        if (uri.getPort() != -1 && uri.getPort() != defaultPort) {
            builder.port(uri.getPort());
        }
        return builder;
    }

    /**
     * Where the 16 random bytes of a {@code Sec-WebSocket-Key} come from (RFC 6455 §4.1 item 7).
     * {@code SecureRandom::nextBytes} by default; tests inject a seeded source for repeatable keys.
     */
    @FunctionalInterface
    public interface KeySource {
        /** Fills {@code bytes} with fresh random bytes. */
        void nextBytes(byte[] bytes);
    }

    /** Collects the parts of one upgrade request. Not thread-safe. */
    public static final class Builder {

        private static final KeySource DEFAULT_KEY_SOURCE = new SecureRandom()::nextBytes;

        private String host;
        private final String target;
        private final List<String> protocols = new ArrayList<>(2);
        private final List<ExtensionOffer> extensions = new ArrayList<>(2);
        private final HttpHeaders extraHeaders = new HttpHeaders();
        private KeySource keySource = DEFAULT_KEY_SOURCE;

        private Builder(String host, String pathAndQuery) {
            this.host = checkHost(host);
            this.target = checkTarget(pathAndQuery);
        }

        /** Sets the port written into {@code Host}, replacing one given with the host. */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            host = hostWithoutPort(host) + ":" + port;
            return this;
        }

        /** Offers a subprotocol; call in order of preference, most preferred first (RFC 6455 §4.1 item 10). */
        public Builder addProtocol(String protocol) {
            if (!HttpHeaders.isToken(protocol)) {
                throw new IllegalArgumentException("subprotocol is not a token: " + protocol);
            }
            if (protocols.contains(protocol)) {
                throw new IllegalArgumentException("subprotocol offered twice: " + protocol);
            }
            protocols.add(protocol);
            return this;
        }

        /** Offers an extension; call in order of preference (RFC 6455 §9.1). */
        public Builder addExtensionOffer(ExtensionOffer offer) {
            extensions.add(Objects.requireNonNull(offer, "offer"));
            return this;
        }

        /**
         * Adds a header such as {@code Origin}, {@code Authorization} or {@code Cookie}.
         *
         * @throws IllegalArgumentException for a header the handshake writes itself (Host, Upgrade,
         *                                  Connection, the Sec-WebSocket-* fields, Content-Length,
         *                                  Transfer-Encoding), or an invalid name or value
         */
        public Builder header(String name, String value) {
            if (HandshakeHeaders.isReserved(name)) {
                throw new IllegalArgumentException("header is set by the handshake itself: " + name);
            }
            extraHeaders.add(name, value);
            return this;
        }

        /** Replaces the source of key randomness. */
        public Builder keySource(KeySource keySource) {
            this.keySource = Objects.requireNonNull(keySource, "keySource");
            return this;
        }

        /** Draws a fresh key and renders the request. */
        public ClientHandshakeRequest build() {
            byte[] nonce = new byte[16];
            keySource.nextBytes(nonce);
            String key = Base64.getEncoder().encodeToString(nonce);
            HttpHeaders headers = new HttpHeaders()
                    .add("Host", host)
                    .add("Upgrade", "websocket")
                    .add("Connection", "Upgrade")
                    .add("Sec-WebSocket-Key", key)
                    .add("Sec-WebSocket-Version", ServerHandshake.SUPPORTED_VERSION);
            if (!protocols.isEmpty()) {
                headers.add("Sec-WebSocket-Protocol", String.join(", ", protocols));
            }
            if (!extensions.isEmpty()) {
                headers.add("Sec-WebSocket-Extensions", ExtensionOffer.toHeaderValue(extensions));
            }
            extraHeaders.forEach(headers::add);
            return new ClientHandshakeRequest(target, headers, key, protocols, extensions);
        }

        private static String checkHost(String host) {
            if (host == null || host.isEmpty()) {
                throw new IllegalArgumentException("host is empty");
            }
            for (int i = 0; i < host.length(); i++) {
                char ch = host.charAt(i);
                if (ch <= 0x20 || ch >= 0x7F || "/?#@,\"\\".indexOf(ch) >= 0) {
                    throw new IllegalArgumentException("host holds a character not allowed in Host: " + host);
                }
            }
            return host;
        }

        private static String checkTarget(String target) {
            if (target == null || !target.startsWith("/")) {
                throw new IllegalArgumentException("request target must start with '/': " + target);
            }
            for (int i = 0; i < target.length(); i++) {
                char ch = target.charAt(i);
                if (ch <= 0x20 || ch >= 0x7F || ch == '#') {
                    throw new IllegalArgumentException(
                            "request target holds a space, control, non-ASCII or '#' character: " + target);
                }
            }
            return target;
        }

        private static String hostWithoutPort(String host) {
            if (host.startsWith("[")) {
                int close = host.indexOf(']');
                return close < 0 ? host : host.substring(0, close + 1);
            }
            int colon = host.indexOf(':');
            return colon < 0 ? host : host.substring(0, colon);
        }
    }
}
