package io.wsstack.autoconfigure.reactive;

import io.wsstack.autoconfigure.ConditionalOnWsEnabled;
import io.wsstack.autoconfigure.EventLoopEndpoints;
import io.wsstack.autoconfigure.WsAutoConfiguration;
import io.wsstack.autoconfigure.WsPropertyNamespace;
import io.wsstack.autoconfigure.cluster.WsClusterAutoConfiguration;
import io.wsstack.autoconfigure.WsEngineSettings;
import io.wsstack.autoconfigure.WsProperties;
import io.wsstack.core.InboundBudget;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.deflate.ServerDeflateNegotiator;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsHandshakeInterceptor;
import io.wsstack.spring.WsObserver;
import io.wsstack.spring.WsSessionRegistry;
import io.wsstack.spring.transport.HandlerDispatcher;
import io.wsstack.spring.reactive.ReactorNettyTransport;
import io.wsstack.spring.reactive.UpgradeRequestGuard;
import io.wsstack.spring.reactive.WsReactiveUpgradeFilter;
import io.wsstack.spring.servlet.ServletTransport;
import io.wsstack.spring.servlet.WsGracefulShutdown;
import io.wsstack.spring.servlet.WsTransportScheduler;
import io.wsstack.spring.transport.LiveSessions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.server.WebFilter;
import reactor.netty.http.server.HttpServer;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The Reactor Netty transport for WebFlux applications: registers the handshake {@link WebFilter}
 * on the application's own port, after Spring Security's filter chain, and provides the transport's
 * threads and graceful shutdown. It serves the endpoints of the
 * {@link WsEndpointRegistry} built by the core auto-configuration, with the same handlers, limits,
 * timeouts, observers, meters and Actuator endpoint as the servlet transport. Every bean backs off
 * when the application defines its own.
 *
 * <p>WebFlux on a servlet container (Tomcat, Jetty) is refused at startup by
 * {@link ReactiveServerCheck}.
 */
// Before the cluster auto-configuration, as the servlet transport is: the cluster listens to the
// sessions that the transport registers.
@AutoConfiguration(after = WsAutoConfiguration.class, before = WsClusterAutoConfiguration.class)
@ConditionalOnWsEnabled
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ WebFilter.class, HttpServer.class })
@ConditionalOnBean(WsEndpointRegistry.class)
@EnableConfigurationProperties(WsReactorNettyProperties.class)
public final class WsReactorNettyAutoConfiguration {

    /** ws.reactor-netty.* is bound (strictly) by {@link WsReactorNettyProperties}, not by the core. */
    @Bean
    static WsPropertyNamespace wsReactorNettyPropertyNamespace() {
        return WsPropertyNamespace.of("ws-spring-boot-reactor-netty", "ws.reactor-netty");
    }

    /** One daemon thread runs every session's idle, keep-alive and close deadlines. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    WsTransportScheduler wsTransportScheduler() {
        return WsTransportScheduler.singleThread();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ReactorNettyTransport wsReactorNettyTransport(LiveSessions sessions, ObjectProvider<WsObserver> observers,
            WsTransportScheduler scheduler, ObjectProvider<WsEngineSettings> engineSettings,
            ObjectProvider<WsProperties> properties, WsReactorNettyProperties reactorNetty) {
        // The same session parts as the servlet transport's: engine limits per endpoint and the shared inbound budget.
        WsEngineSettings engine = engineSettings.getIfAvailable();
        WsProperties ws = properties.getIfAvailable(WsProperties::new);
        ServletTransport sessionParts = new ServletTransport(sessions, observers.orderedStream().toList(), scheduler.executor(),
                System::nanoTime, engine == null ? null : name -> engine.find(name).orElse(null),
                InboundBudget.of(ws.resolvedInboundMessageBudget()));
        return new ReactorNettyTransport(sessionParts, HandlerDispatcher.create(reactorNetty.getHandlerThreads()));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnBean(DeflateOptions.class)
    @ConditionalOnMissingBean
    ServerDeflateNegotiator wsServerDeflateNegotiator(DeflateOptions options) {
        return new ServerDeflateNegotiator(options);
    }

    @Bean
    static ReactiveServerCheck wsReactiveServerCheck() {
        return new ReactiveServerCheck();
    }

    @Bean
    @ConditionalOnMissingBean
    WsReactiveUpgradeFilter wsReactiveUpgradeFilter(WsEndpointRegistry endpoints,
            ObjectProvider<WsHandshakeInterceptor> interceptors, ObjectProvider<ServerDeflateNegotiator> deflate,
            ReactorNettyTransport transport, WsReactorNettyProperties properties, ObjectProvider<WsProperties> ws) {
        @SuppressWarnings("deprecation") // reads the deprecated alias ws.reactor-netty.event-loop-endpoints
        List<String> deprecatedList = properties.getEventLoopEndpoints();
        Set<String> eventLoopEndpoints = EventLoopEndpoints.resolve(endpoints, deprecatedList,
                "ws.reactor-netty.event-loop-endpoints", ws.getIfAvailable());
        return new WsReactiveUpgradeFilter(endpoints, interceptors.orderedStream().toList(), deflate.getIfAvailable(),
                transport.context(), transport.dispatcher(), eventLoopEndpoints);
    }

    /**
     * Keeps frames a client sends in the packet of its upgrade request from Reactor Netty's HTTP
     * decoder (see {@link UpgradeRequestGuard}). Paths are matched as the handshake filter matches
     * them, within the application's base path ({@code spring.webflux.base-path}).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(NettyReactiveWebServerFactory.class)
    static class EarlyFramesConfiguration {

        /** A factory customizer rather than a {@code NettyServerCustomizer} bean: it also reaches a factory the application defines itself. */
        @Bean
        WebServerFactoryCustomizer<NettyReactiveWebServerFactory> wsUpgradeRequestGuard(WsEndpointRegistry endpoints,
                Environment environment) {
            String basePath = environment.getProperty("spring.webflux.base-path", "");
            String prefix = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
            Predicate<String> endpointPath = path -> {
                if (prefix.isEmpty()) {
                    return endpoints.match(path).isPresent();
                }
                return path.startsWith(prefix + "/") && endpoints.match(path.substring(prefix.length())).isPresent();
            };
            return factory -> factory.addServerCustomizers(server -> UpgradeRequestGuard.installOn(server, endpointPath));
        }
    }

    @Bean
    @ConditionalOnMissingBean
    WsGracefulShutdown wsGracefulShutdown(WsSessionRegistry sessions, WsEndpointRegistry endpoints) {
        return new WsGracefulShutdown(sessions, endpoints);
    }
}
