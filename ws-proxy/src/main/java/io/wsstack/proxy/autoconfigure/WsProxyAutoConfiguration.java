package io.wsstack.proxy.autoconfigure;

import io.wsstack.autoconfigure.WsPropertyNamespace;
import java.util.List;

import io.wsstack.autoconfigure.ConditionalOnWsEnabled;
import io.wsstack.autoconfigure.WsAutoConfiguration;
import io.wsstack.autoconfigure.WsProperties;
import io.wsstack.autoconfigure.servlet.WsServletAutoConfiguration;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.proxy.ProxyRoute;
import io.wsstack.proxy.ProxyRoutes;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.servlet.WsTransportScheduler;
import jakarta.servlet.http.HttpUpgradeHandler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

/**
 * WebSocket reverse proxying: every {@code ws.proxy.routes.<name>} becomes an endpoint of the
 * starter's transport (same port, TLS, security filter chain, origin check, limits, meters and
 * graceful shutdown as any endpoint) whose sessions are relayed to the route's upstream. Replace
 * the {@link ProxyRoutes} bean to build routes another way.
 */
@AutoConfiguration(after = { WsAutoConfiguration.class, WsServletAutoConfiguration.class, SslAutoConfiguration.class })
@ConditionalOnWsEnabled
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HttpUpgradeHandler.class)
@EnableConfigurationProperties(WsProxyProperties.class)
public final class WsProxyAutoConfiguration {

    /** ws.proxy.* is bound (strictly) by {@link WsProxyProperties}, not by the core. */
    @Bean
    static WsPropertyNamespace wsProxyPropertyNamespace() {
        return WsPropertyNamespace.of("ws-proxy", "ws.proxy");
    }

    /**
     * The routes as endpoints. The upstream hop offers permessage-deflate with the starter's level,
     * threshold and mode when compression is on ({@code ws.deflate.enabled}, the default).
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ProxyRoutes wsProxyRoutes(WsProxyProperties proxy, WsProperties ws, ObjectProvider<DeflateOptions> deflate,
            ObjectProvider<SslBundles> sslBundles,
            WsTransportScheduler scheduler) {
        List<ProxyRoute> routes = ProxyRouteFactory.routes(proxy, ws.getDefaults(), sslBundles.getIfAvailable());
        return new ProxyRoutes(routes, deflate.getIfAvailable() == null ? null : upstreamDeflate(deflate.getObject()),
                scheduler.executor());
    }

    /**
     * Fails startup when the routes are not served: an application that defines its own
     * {@link WsEndpointRegistry} must include the endpoints of every {@code WsEndpointContributor}.
     */
    @Bean
    static SmartInitializingSingleton wsProxyRoutesServedCheck(ObjectProvider<ProxyRoutes> routes,
            ObjectProvider<WsEndpointRegistry> registry) {
        return () -> {
            ProxyRoutes proxyRoutes = routes.getIfAvailable();
            WsEndpointRegistry endpoints = registry.getIfAvailable();
            if (proxyRoutes == null || endpoints == null) {
                return;
            }
            for (WsEndpoint route : proxyRoutes.endpoints()) {
                if (endpoints.byName(route.name()).filter(e -> e.handler() == route.handler()).isEmpty()) {
                    throw new IllegalStateException("ws.proxy.routes." + route.name() + " is not served: the application's "
                            + "WsEndpointRegistry bean does not include the endpoints of WsEndpointContributor beans");
                }
            }
        };
    }

    /** A client offer from the server-side options: same level, threshold and mode; default window and takeover. */
    private static DeflateOptions upstreamDeflate(DeflateOptions server) {
        return DeflateOptions.builder()
                .mode(server.mode())
                .compressionLevel(server.compressionLevel())
                .threshold(server.threshold())
                .sharedPoolCapacity(server.sharedPoolCapacity())
                .build();
    }
}
