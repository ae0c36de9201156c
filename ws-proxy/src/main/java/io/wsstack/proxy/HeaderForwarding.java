package io.wsstack.proxy;

import io.wsstack.core.handshake.HttpHeaders;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which headers of the client's upgrade request go to the upstream, and the {@code X-Forwarded-*}
 * headers the proxy adds.
 *
 * <p>Only listed headers are passed. Some can never be listed: hop-by-hop headers (RFC 9110 §7.6.1:
 * {@code Connection}, {@code Keep-Alive}, {@code Proxy-*}, {@code TE}, {@code Trailer},
 * {@code Transfer-Encoding}, {@code Upgrade}), which describe the client's connection to the proxy,
 * not the proxy's to the upstream; the handshake's own headers ({@code Host}, {@code Sec-WebSocket-*},
 * {@code Content-Length}), which the proxy writes for its own hop (extensions in particular are
 * negotiated per hop); and {@code X-Forwarded-*}, which the proxy sets from what it saw itself so a
 * client cannot forge them. A header named in the request's own {@code Connection} header is
 * hop-by-hop for that request and is dropped even when listed.
 */
public final class HeaderForwarding {

    private static final Set<String> NEVER = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
            "host", "content-length", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "forwarded");

    private final Set<String> allowed;

    private HeaderForwarding(Set<String> allowed) {
        this.allowed = allowed;
    }

    /**
     * A policy passing these headers.
     *
     * @throws IllegalArgumentException naming a header that may never be passed, or an invalid name
     */
    public static HeaderForwarding of(Collection<String> names) {
        Set<String> allowed = new LinkedHashSet<>();
        for (String name : names) {
            String lower = name.trim().toLowerCase(Locale.ROOT);
            if (!isToken(lower)) {
                throw new IllegalArgumentException("'" + name + "' is not a header name");
            }
            if (NEVER.contains(lower) || lower.startsWith("sec-websocket-")) {
                throw new IllegalArgumentException("'" + name + "' is never forwarded: it belongs to one hop "
                        + "of the connection or is written by the proxy itself");
            }
            allowed.add(lower);
        }
        return new HeaderForwarding(Set.copyOf(allowed));
    }

    /** Whether a header of this name is passed (case-insensitive). */
    public boolean passes(String name) {
        return allowed.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The headers to send upstream for this request: the listed ones it carries, then X-Forwarded-For, -Proto and -Host. */
    public HttpHeaders select(HttpServletRequest request) {
        HttpHeaders out = new HttpHeaders();
        Set<String> connectionTokens = connectionTokens(request);
        Enumeration<String> names = request.getHeaderNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            String lower = name.toLowerCase(Locale.ROOT);
            if (!allowed.contains(lower) || connectionTokens.contains(lower)) {
                continue;
            }
            Enumeration<String> values = request.getHeaders(name);
            while (values.hasMoreElements()) {
                out.add(name, values.nextElement());
            }
        }
        out.add("X-Forwarded-For", request.getRemoteAddr());
        out.add("X-Forwarded-Proto", request.isSecure() ? "https" : "http");
        String host = request.getHeader("Host");
        if (host != null) {
            out.add("X-Forwarded-Host", host);
        }
        return out;
    }

    /** RFC 9110 §5.6.2 token: one or more of the characters allowed in header names. */
    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alnum && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> connectionTokens(HttpServletRequest request) {
        Set<String> tokens = new LinkedHashSet<>();
        Enumeration<String> values = request.getHeaders("Connection");
        while (values != null && values.hasMoreElements()) {
            for (String token : values.nextElement().split(",")) {
                tokens.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return tokens;
    }
}
