package io.wsstack.spring.servlet;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a browser page from a given {@code Origin} (RFC 6454) may open a WebSocket to this
 * server, the defence against cross-site WebSocket hijacking (RFC 6455 §10.2): browsers always send
 * {@code Origin} on a WebSocket handshake and a page cannot forge it.
 *
 * <ul>
 *   <li>No {@code Origin} header: allowed, it is not a browser (a browser cannot omit it).</li>
 *   <li>{@code *} in the list: any origin.</li>
 *   <li>Empty list: same origin only. An origin is a bare {@code scheme://host[:port]} (RFC 6454 §6.2);
 *       one with a path, query, fragment or user part is refused. Its scheme must be the request's
 *       ({@code http} for plain HTTP, {@code https} over TLS), its host equal to the request's
 *       (case-insensitively) and its port equal to the request's, the scheme's default port (80, 443)
 *       standing for an omitted one.</li>
 *   <li>Otherwise the origin must equal an entry, compared case-insensitively.</li>
 * </ul>
 * Strings are compared, never evaluated.
 *
 * <p><b>What the same-origin comparison trusts.</b> The request's scheme, host and port as the
 * servlet container reports them: the host and port come from the {@code Host} header, the scheme
 * from the connection (TLS or not). {@code X-Forwarded-*} and {@code Forwarded} headers count only
 * when the application lets them ({@code server.forward-headers-strategy=native} makes the container
 * apply them, {@code framework} Spring's {@code ForwardedHeaderFilter}, which runs before this
 * filter); otherwise a client cannot move the comparison with them.
 */
public final class OriginPolicy {

    private final List<String> allowed;
    private final boolean any;

    public OriginPolicy(List<String> allowedOrigins) {
        this.allowed = allowedOrigins.stream().map(o -> stripSlash(o.trim())).toList();
        this.any = allowed.contains("*");
    }

    /**
     * @param origin the {@code Origin} header, or {@code null}
     * @param scheme the request's scheme ({@code http} or {@code https})
     * @param host   the request's host name ({@code Host} header, or forwarded host when trusted)
     * @param port   the request's port
     */
    public boolean allows(String origin, String scheme, String host, int port) {
        if (origin == null || any) {
            return true;
        }
        String trimmed = origin.trim();
        if (!allowed.isEmpty()) {
            String bare = stripSlash(trimmed);
            for (String entry : allowed) {
                if (entry.equalsIgnoreCase(bare)) {
                    return true;
                }
            }
            return false;
        }
        return host != null && scheme != null && sameOrigin(trimmed, scheme.toLowerCase(Locale.ROOT), host, port);
    }

    private static boolean sameOrigin(String origin, String requestScheme, String requestHost, int requestPort) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = uri.getHost() != null && uri.getRawUserInfo() == null
                && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                && uri.getRawQuery() == null && uri.getRawFragment() == null;
        if (!bare || !scheme.equals(requestScheme) || !(scheme.equals("http") || scheme.equals("https"))) {
            return false;
        }
        int originPort = uri.getPort() != -1 ? uri.getPort() : defaultPort(scheme);
        return stripBrackets(uri.getHost()).equalsIgnoreCase(stripBrackets(requestHost)) && originPort == requestPort;
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    /** IPv6 literals: {@code URI} keeps the brackets, containers may not. */
    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String stripSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }
}
