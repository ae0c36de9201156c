package io.wsstack.spring.servlet;

import java.net.URI;
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
 *   <li>Empty list: same origin only, i.e. the origin's {@code host[:port]} equals the request's
 *       {@code Host} header (default ports of the scheme are filled in on both sides).</li>
 *   <li>Otherwise the origin must equal an entry, compared case-insensitively.</li>
 * </ul>
 * Strings are compared, never evaluated.
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
     * @param host   the {@code Host} header, or {@code null}
     * @param secure whether the request came over TLS (decides the default port of {@code Host})
     */
    public boolean allows(String origin, String host, boolean secure) {
        if (origin == null || any) {
            return true;
        }
        String trimmed = stripSlash(origin.trim());
        if (!allowed.isEmpty()) {
            for (String entry : allowed) {
                if (entry.equalsIgnoreCase(trimmed)) {
                    return true;
                }
            }
            return false;
        }
        return host != null && sameHostAndPort(trimmed, host.trim(), secure);
    }

    private static boolean sameHostAndPort(String origin, String host, boolean secure) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (Exception e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            return false;
        }
        int originPort = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String hostName = host;
        int hostPort = secure ? 443 : 80;
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(']', colon) < 0) {
            hostName = host.substring(0, colon);
            try {
                hostPort = Integer.parseInt(host.substring(colon + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return uri.getHost().equalsIgnoreCase(hostName) && originPort == hostPort;
    }

    private static String stripSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }
}
