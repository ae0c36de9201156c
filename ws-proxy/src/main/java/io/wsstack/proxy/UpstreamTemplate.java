package io.wsstack.proxy;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The upstream URI of a route, such as {@code ws://chat.internal/rooms/{room}}, and its expansion with
 * the values of the client path's variables and the client's query string.
 *
 * <p>A value is one segment of the client's request path as the container received it (still
 * percent-encoded, never containing {@code /}). It is inserted as it is, never evaluated; values that
 * an upstream could decode into another level of the path ({@code ..}, {@code %2e%2e}, {@code %2F})
 * are refused.
 */
public final class UpstreamTemplate {

    private final String template;
    private final List<String> variables;

    private UpstreamTemplate(String template, List<String> variables) {
        this.template = template;
        this.variables = variables;
    }

    /**
     * Parses and checks a template.
     *
     * @param template      a {@code ws://} or {@code wss://} URI with {@code {name}} placeholders
     * @param pathVariables the variables the route's path defines; the template may use only these
     * @throws IllegalArgumentException naming what is wrong
     */
    public static UpstreamTemplate parse(String template, Collection<String> pathVariables) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("an upstream URI is required, such as ws://host:port/path");
        }
        List<String> names = new ArrayList<>();
        StringBuilder probe = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{') {
                int end = template.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed '{' in the upstream URI");
                }
                String name = template.substring(i + 1, end);
                if (!pathVariables.contains(name)) {
                    throw new IllegalArgumentException("{" + name + "} is not a variable of the route's path "
                            + pathVariables);
                }
                names.add(name);
                probe.append('x');
                i = end + 1;
            } else {
                probe.append(c);
                i++;
            }
        }
        check(probe.toString());
        return new UpstreamTemplate(template, List.copyOf(names));
    }

    private static void check(String candidate) {
        URI uri;
        try {
            uri = new URI(candidate);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("the upstream must be a ws:// or wss:// URI (RFC 6455 §3)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the upstream URI has no host");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a WebSocket URI has no fragment (RFC 6455 §3)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("credentials in the upstream URI are not supported");
        }
    }

    /**
     * The upstream URI for one request: the template with the path variables' values, and the
     * client's query string appended when the template has none of its own.
     *
     * @param values the path variables' values
     * @param query  the client's raw query string, or {@code null}
     * @throws IllegalArgumentException when a value is {@code .} or {@code ..}, or makes the URI invalid
     */
    public URI expand(Map<String, String> values, String query) {
        String result = template;
        for (String name : variables) {
            String value = values.get(name);
            if (value == null || !isPlainSegment(value)) {
                throw new IllegalArgumentException("path variable '" + name + "' cannot be used in the upstream URI");
            }
            result = result.replace("{" + name + "}", value);
        }
        if (query != null && !query.isEmpty() && result.indexOf('?') < 0) {
            result = result + "?" + query;
        }
        try {
            return new URI(result);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the request makes an invalid upstream URI", e);
        }
    }

    /**
     * Whether a raw segment stays one segment at the same level however the upstream decodes it: not
     * {@code .} or {@code ..}, also when percent-encoded ({@code %2e%2e}), and no encoded {@code /} or
     * {@code \\}, which some servers decode into separators.
     */
    private static boolean isPlainSegment(String raw) {
        String decoded;
        try {
            decoded = URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return !decoded.equals(".") && !decoded.equals("..") && decoded.indexOf('/') < 0 && decoded.indexOf('\\') < 0;
    }

    /** Whether the upstream is reached over TLS ({@code wss://}). */
    public boolean isSecure() {
        return template.regionMatches(true, 0, "wss:", 0, 4);
    }

    @Override
    public String toString() {
        return template;
    }
}
