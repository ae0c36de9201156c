package io.wsstack.spring;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An upgrade request as {@link WsHandshakeInterceptor}s and {@link WsHandshakeParticipant}s see it,
 * the same on every transport (Tomcat, Jetty, Reactor Netty): one interceptor bean serves a servlet
 * application and a WebFlux one alike. What only one stack has stays reachable through
 * {@link #unwrap(Class)}.
 */
public interface WsHandshakeRequest {

    /** The request path within the application (no query), as the endpoint's path was matched against. */
    String path();

    /** The values of the endpoint's path variables. */
    Map<String, String> pathVariables();

    /** The first value of a header (name case-insensitive), or {@code null}. */
    String header(String name);

    /** Every value of a header (name case-insensitive), in order; empty when absent. */
    List<String> headers(String name);

    /** The raw (still percent-encoded) query string, without {@code ?}, or {@code null} when there is none. */
    String query();

    /** The query parameters, decoded as UTF-8, in order of appearance; empty when there are none. */
    default Map<String, List<String>> queryParams() {
        return parseQuery(query());
    }

    /** The first value of a query parameter, decoded, or {@code null}. */
    default String queryParam(String name) {
        List<String> values = queryParams().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The peer's address (the proxy's, unless the application trusts forwarded headers). */
    InetSocketAddress remoteAddress();

    /** The authenticated user of the request, or {@code null}. */
    Principal principal();

    /** The future session's attributes, mutable; what is put here is on {@link WsSession#attributes()}. */
    Map<String, Object> attributes();

    /**
     * The transport's own request object, for what this view does not offer: an
     * {@code HttpServletRequest} on Tomcat and Jetty; a {@code ServerWebExchange} or
     * {@code ServerHttpRequest} on Reactor Netty.
     *
     * @throws IllegalArgumentException when this transport has no object of that type
     */
    <T> T unwrap(Class<T> type);

    /** Splits and decodes a raw query string ({@code a=1&b=x%20y&a=2}); used by {@link #queryParams()}. */
    static Map<String, List<String>> parseQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
        }
        params.replaceAll((name, values) -> Collections.unmodifiableList(values));
        return Collections.unmodifiableMap(params);
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return part; // a stray '%': keep the text as sent
        }
    }
}
