package io.wsstack.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An HTTP proxy reached with {@code CONNECT} (RFC 9110 §9.3.6): the client asks it for a tunnel to the
 * server's host and port, then speaks TLS (for {@code wss}) and the WebSocket handshake through the
 * tunnel, so the proxy sees neither the request nor the messages.
 *
 * @param host     the proxy's host
 * @param port     the proxy's port
 * @param username for {@code Proxy-Authorization: Basic} (RFC 7617), or {@code null} for none
 * @param password the password that goes with {@code username}
 * @param bypass   hosts reached directly: exact names ({@code internal.example}), suffixes with a
 *                 leading dot or star ({@code .corp.example}, {@code *.corp.example}), IP literals
 */
public record HttpProxy(String host, int port, String username, String password, List<String> bypass) {

    public HttpProxy {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("proxy host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port must be 1..65535: " + port);
        }
        if (username != null && username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a Basic user name cannot contain ':' (RFC 7617 §2)");
        }
        bypass = bypass == null ? List.of() : List.copyOf(bypass);
    }

    /** A proxy without authentication or bypass list. */
    public static HttpProxy of(String host, int port) {
        return new HttpProxy(host, port, null, null, List.of());
    }

    /** The same proxy with Basic credentials. */
    public HttpProxy withCredentials(String user, String pass) {
        return new HttpProxy(host, port, Objects.requireNonNull(user, "user"), Objects.requireNonNull(pass, "pass"),
                bypass);
    }

    /** The same proxy with these hosts reached directly. */
    public HttpProxy withBypass(List<String> hosts) {
        return new HttpProxy(host, port, username, password, hosts);
    }

    /** Whether connections to {@code uri} go through this proxy. */
    public boolean appliesTo(URI uri) {
        String target = uri.getHost().toLowerCase(Locale.ROOT);
        for (String entry : bypass) {
            String rule = entry.trim().toLowerCase(Locale.ROOT);
            if (rule.startsWith("*.")) {
                rule = rule.substring(1);
            }
            if (rule.startsWith(".") ? target.endsWith(rule) || target.equals(rule.substring(1)) : target.equals(rule)) {
                return false;
            }
        }
        return true;
    }

    /** The {@code Proxy-Authorization} value, or {@code null} without credentials. */
    String authorization() {
        if (username == null) {
            return null;
        }
        String pair = username + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "HttpProxy[" + host + ":" + port + (username != null ? ", user " + username : "") + ", bypass " + bypass + "]";
    }
}
