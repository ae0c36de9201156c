package io.wsstack.autoconfigure.servlet;

import io.wsstack.autoconfigure.EventLoopEndpoints;
import io.wsstack.autoconfigure.WsAutoConfiguration;
import io.wsstack.autoconfigure.WsEngineSettings;
import io.wsstack.autoconfigure.WsProperties;
import io.wsstack.core.InboundBudget;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.deflate.ServerDeflateNegotiator;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsHandshakeInterceptor;
import io.wsstack.spring.WsObserver;
import io.wsstack.spring.WsSessionRegistry;
import io.wsstack.autoconfigure.WsPropertyNamespace;
import io.wsstack.spring.servlet.ServletTransport;
import io.wsstack.spring.servlet.TomcatSocketTakeover;
import io.wsstack.spring.servlet.WsGracefulShutdown;
import io.wsstack.spring.servlet.WsTransportScheduler;
import io.wsstack.spring.servlet.WsUpgradeFilter;
import io.wsstack.spring.transport.HandlerDispatcher;
import io.wsstack.spring.transport.TransportDispatch;
import io.wsstack.spring.transport.LiveSessions;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpUpgradeHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import io.wsstack.autoconfigure.ConditionalOnWsEnabled;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Set;


/**
 * The servlet transport: registers the handshake filter on the application's own port, behind
 * Spring Security's filter chain, and provides the timer thread and graceful
 * shutdown. It serves the endpoints of the {@link WsEndpointRegistry} built by the core
 * auto-configuration (or defined by the application), with the
 * {@link WsEngineSettings} bean's engine limits, and compresses with the {@code ServerDeflateNegotiator}
 * bean that the core auto-configuration defines from {@link DeflateOptions}. Every bean backs off when the application defines its own.
 */
@AutoConfiguration(after = WsAutoConfiguration.class)
@ConditionalOnWsEnabled
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HttpUpgradeHandler.class)
@ConditionalOnBean(WsEndpointRegistry.class)
public final class WsServletAutoConfiguration {

    /** Bean name of the transport's timer thread. */
    public static final String SCHEDULER_BEAN_NAME = "wsTransportScheduler";

    /**
     * One daemon thread runs every session's idle, keep-alive and close deadlines. Published as
     * {@link WsTransportScheduler}, never as a {@code ScheduledExecutorService}, so that Boot's own
     * task scheduler (and the application's {@code @Scheduled} methods on it) stays in place.
     */
    @Bean(name = SCHEDULER_BEAN_NAME, destroyMethod = "close")
    @ConditionalOnMissingBean
    WsTransportScheduler wsTransportScheduler() {
        return WsTransportScheduler.singleThread();
    }

    @Bean
    @ConditionalOnMissingBean
    ServletTransport wsServletTransport(LiveSessions sessions, ObjectProvider<WsObserver> observers,
            WsTransportScheduler scheduler, ObjectProvider<WsEngineSettings> engineSettings,
            ObjectProvider<WsProperties> properties) {
        WsEngineSettings engine = engineSettings.getIfAvailable();
        WsProperties ws = properties.getIfAvailable(WsProperties::new);
        // Endpoints the engine settings do not name (contributed ones, an application's own
        // registry) get settings derived from their limits inside the transport. Every session
        // shares one budget for the bytes of incoming messages being assembled.
        return new ServletTransport(sessions, observers.orderedStream().toList(), scheduler.executor(), System::nanoTime,
                engine == null ? null : name -> engine.find(name).orElse(null),
                InboundBudget.of(ws.resolvedInboundMessageBudget()));
    }

    @Bean
    @ConditionalOnMissingBean(name = "wsUpgradeFilterRegistration")
    FilterRegistrationBean<WsUpgradeFilter> wsUpgradeFilterRegistration(WsEndpointRegistry endpoints,
            ObjectProvider<WsHandshakeInterceptor> interceptors, ObjectProvider<ServerDeflateNegotiator> deflate,
            ServletTransport transport, ObjectProvider<TomcatSocketTakeover> takeover) {
        if (takeover.getIfAvailable() == null) {
            // Jetty, or Tomcat with socket takeover off: every connection is on the servlet upgrade.
            EventLoopEndpoints.reportIgnored(EventLoopEndpoints.named(endpoints),
                    "this server serves WebSocket connections through the servlet upgrade");
        }
        WsUpgradeFilter filter = new WsUpgradeFilter(endpoints, interceptors.orderedStream().toList(),
                deflate.getIfAvailable(), transport, takeover.getIfAvailable());
        FilterRegistrationBean<WsUpgradeFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("wsUpgradeFilter");
        registration.setOrder(WsUpgradeFilter.ORDER);
        registration.addUrlPatterns("/*");
        // ASYNC: a handshake whose participant deferred its decision is finished on the async dispatch.
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        registration.setAsyncSupported(true);
        return registration;
    }

    /**
     * For the {@code ws} Actuator endpoint: connections on the servlet upgrade (Jetty's, Tomcat's
     * that are not taken over) run handlers on the container's threads.
     */
    @Bean
    @ConditionalOnMissingBean(name = "wsServletUpgradeDispatch")
    TransportDispatch wsServletUpgradeDispatch() {
        return TransportDispatch.containerThreads("servlet-upgrade");
    }

    @Bean
    @ConditionalOnMissingBean
    WsGracefulShutdown wsGracefulShutdown(WsSessionRegistry sessions, WsEndpointRegistry endpoints) {
        return new WsGracefulShutdown(sessions, endpoints);
    }

    /**
     * On Tomcat, plain-text NIO connections are served on sockets taken over from Tomcat by the
     * stack's own selector threads ({@link TomcatSocketTakeover}), unless
     * {@code ws.tomcat.socket-takeover=false}; connections it cannot take use the servlet upgrade.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.tomcat.util.net.NioEndpoint")
    @EnableConfigurationProperties(WsTomcatProperties.class)
    static final class TomcatConfiguration {

        /** ws.tomcat.* is bound (strictly) by {@link WsTomcatProperties}, not by the core. */
        @Bean
        static WsPropertyNamespace wsTomcatPropertyNamespace() {
            return WsPropertyNamespace.of("ws-spring-boot-autoconfigure (Tomcat)", "ws.tomcat");
        }

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        @ConditionalOnBooleanProperty(name = "ws.tomcat.socket-takeover", matchIfMissing = true)
        @SuppressWarnings("deprecation") // reads the deprecated alias ws.tomcat.event-loop-endpoints
        TomcatSocketTakeover wsTomcatSocketTakeover(WsEndpointRegistry endpoints, WsTomcatProperties properties,
                ObjectProvider<WsProperties> ws) {
            Set<String> eventLoopEndpoints = EventLoopEndpoints.resolve(endpoints, properties.getEventLoopEndpoints(),
                    "ws.tomcat.event-loop-endpoints", ws.getIfAvailable());
            int loops = properties.getSocketThreads() > 0 ? properties.getSocketThreads()
                    : TomcatSocketTakeover.defaultLoopCount();
            return new TomcatSocketTakeover(HandlerDispatcher.create(properties.getHandlerThreads()),
                    eventLoopEndpoints, loops, properties.getInlineHandlerBudget());
        }

        /** For the {@code ws} Actuator endpoint: where each endpoint's handlers run on the taken-over sockets. */
        @Bean
        @ConditionalOnClass(name = "org.springframework.boot.web.server.context.WebServerApplicationContext")
        @ConditionalOnMissingBean(name = "wsTomcatSocketDispatch")
        TransportDispatch wsTomcatSocketDispatch(ObjectProvider<TomcatSocketTakeover> takeover, ApplicationContext context) {
            return new TomcatSocketDispatch(takeover, context);
        }
    }

    /**
     * On Jetty with HTTP/2, stop advertising RFC 8441 extended CONNECT so that browsers open
     * WebSocket over HTTP/1.1, which the filter serves; HTTP/2 stays on for everything else (see
     * {@link JettyHttp2WebSocketCustomizer}). Tomcat needs nothing: it does not implement RFC 8441,
     * so browsers already use HTTP/1.1 for WebSocket there.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.jetty.ConfigurableJettyWebServerFactory",
            "org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory"})
    static final class JettyHttp2Configuration {

        @Bean
        @ConditionalOnMissingBean(name = "wsJettyHttp2Customizer")
        JettyHttp2WebSocketCustomizer wsJettyHttp2Customizer() {
            return new JettyHttp2WebSocketCustomizer();
        }
    }
}
