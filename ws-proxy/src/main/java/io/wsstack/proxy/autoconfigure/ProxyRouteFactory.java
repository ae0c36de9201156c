package io.wsstack.proxy.autoconfigure;

import java.time.Duration;

import javax.net.ssl.SSLContext;
import java.util.ArrayList;
import java.util.List;

import io.wsstack.autoconfigure.WsDefaultsProperties;
import io.wsstack.proxy.HeaderForwarding;
import io.wsstack.proxy.ProxyRoute;
import io.wsstack.proxy.UpstreamTemplate;
import io.wsstack.spring.PathTemplate;
import io.wsstack.spring.WsEndpointSettings;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;

/**
 * Turns {@code ws.proxy.routes.*} over {@code ws.defaults.*} into {@link ProxyRoute}s, checking every
 * value; a bad one fails startup with an {@link InvalidConfigurationPropertyValueException} naming the
 * property. ({@code ws.defaults.*} values themselves are checked by the starter.)
 */
final class ProxyRouteFactory {

    private ProxyRouteFactory() {
    }

    /**
     * @param bundles the application's SSL bundles, or {@code null} when it has none
     */
    static List<ProxyRoute> routes(WsProxyProperties properties, WsDefaultsProperties defaults, SslBundles bundles) {
        List<ProxyRoute> routes = new ArrayList<>();
        properties.getRoutes().forEach((name, route) -> routes.add(route(name, route, defaults, bundles)));
        return routes;
    }

    private static ProxyRoute route(String name, WsProxyRouteProperties route, WsDefaultsProperties defaults,
            SslBundles bundles) {
        String prefix = "ws.proxy.routes." + name + ".";
        PathTemplate path = path(prefix + "path", route.getPath());
        UpstreamTemplate upstream;
        try {
            upstream = UpstreamTemplate.parse(route.getUpstream(), path.variableNames());
        } catch (IllegalArgumentException e) {
            throw invalid(prefix + "upstream", route.getUpstream(), e.getMessage());
        }
        HeaderForwarding headers;
        try {
            headers = HeaderForwarding.of(route.getForwardHeaders() == null ? List.of() : route.getForwardHeaders());
        } catch (IllegalArgumentException e) {
            throw invalid(prefix + "forward-headers", route.getForwardHeaders(), e.getMessage());
        }
        positive(prefix + "connect-timeout", route.getConnectTimeout());
        positive(prefix + "send-timeout", route.getSendTimeout());
        List<String> origins = route.getAllowedOrigins() != null ? route.getAllowedOrigins() : defaults.getAllowedOrigins();
        checkOrigins(prefix + "allowed-origins", origins);
        WsEndpointSettings settings = new WsEndpointSettings(name, route.getPath(), List.of(), origins,
                (int) defaults.getMaxFrameSize().toBytes(), defaults.getMaxMessageSize().toBytes(),
                defaults.getMaxFragments(), defaults.getIdleTimeout(), defaults.getPingInterval(),
                defaults.getHandshakeTimeout(), defaults.getCloseTimeout(), defaults.getMaxSendBuffer().toBytes(),
                defaults.getSendBufferOverflow());
        return new ProxyRoute(settings, upstream, headers, route.getConnectTimeout(), route.getSendTimeout(),
                tls(prefix + "ssl-bundle", route.getSslBundle(), upstream, bundles));
    }

    private static SSLContext tls(String property, String bundle, UpstreamTemplate upstream, SslBundles bundles) {
        if (bundle == null) {
            return null;
        }
        if (!upstream.isSecure()) {
            throw invalid(property, bundle, "an SSL bundle needs a wss:// upstream");
        }
        if (bundles == null) {
            throw invalid(property, bundle, "no SSL bundles are configured (spring.ssl.bundle.*)");
        }
        try {
            return bundles.getBundle(bundle).createSslContext();
        } catch (NoSuchSslBundleException e) {
            throw invalid(property, bundle, "no SSL bundle of that name (spring.ssl.bundle.*)");
        }
    }

    private static PathTemplate path(String property, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(property, value, "a route needs a path, such as /backend");
        }
        try {
            return PathTemplate.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(property, value, e.getMessage());
        }
    }

    private static void positive(String property, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw invalid(property, value, "must be greater than zero");
        }
    }

    /** The same rule as ws.defaults.allowed-origins: "*" alone, or scheme://host[:port] entries. */
    private static void checkOrigins(String property, List<String> origins) {
        if (origins.contains("*") && origins.size() > 1) {
            throw invalid(property, origins, "'*' allows every origin and must be the only entry");
        }
        for (String origin : origins) {
            if (origin.equals("*")) {
                continue;
            }
            java.net.URI uri;
            try {
                uri = new java.net.URI(origin.trim());
            } catch (java.net.URISyntaxException e) {
                throw invalid(property, origin, "an origin is scheme://host[:port], such as https://example.com");
            }
            String path = uri.getRawPath();
            if (uri.getScheme() == null || uri.getHost() == null || (path != null && !path.isEmpty() && !path.equals("/"))) {
                throw invalid(property, origin, "an origin is scheme://host[:port] with no path, such as https://example.com");
            }
        }
    }

    private static InvalidConfigurationPropertyValueException invalid(String property, Object value, String reason) {
        return new InvalidConfigurationPropertyValueException(property, value, reason);
    }
}
