package io.wsstack.proxy.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ws.proxy.*}: the reverse-proxy routes. Bound strictly ({@code ignoreUnknownFields = false}),
 * so a misspelt key under {@code ws.proxy.} fails startup naming it; values are checked by
 * {@link ProxyRouteFactory} and a bad one fails startup naming the property.
 */
@ConfigurationProperties(prefix = "ws.proxy", ignoreUnknownFields = false)
public class WsProxyProperties {

    /** The routes, by name: ws.proxy.routes.NAME.path and ws.proxy.routes.NAME.upstream, and their options. */
    private Map<String, WsProxyRouteProperties> routes = new LinkedHashMap<>();

    public Map<String, WsProxyRouteProperties> getRoutes() {
        return this.routes;
    }

    public void setRoutes(Map<String, WsProxyRouteProperties> routes) {
        this.routes = routes;
    }
}
