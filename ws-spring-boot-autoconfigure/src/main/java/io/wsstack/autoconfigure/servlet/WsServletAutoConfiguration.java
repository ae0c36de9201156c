package io.wsstack.autoconfigure.servlet;

import io.wsstack.autoconfigure.WsEngineSettings;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.deflate.ServerDeflateNegotiator;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsHandshakeInterceptor;
import io.wsstack.spring.WsObserver;
import io.wsstack.spring.WsSessionRegistry;
import io.wsstack.spring.servlet.ServletTransport;
import io.wsstack.spring.servlet.WsGracefulShutdown;
import io.wsstack.spring.servlet.WsTransportScheduler;
import io.wsstack.spring.servlet.WsUpgradeFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpUpgradeHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import io.wsstack.autoconfigure.ConditionalOnWsEnabled;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;


/**
 * The servlet transport: registers the handshake filter on the application's own port, behind
 * Spring Security's filter chain, and provides the session registry, the timer thread and graceful
 * shutdown. It serves the endpoints of the {@link WsEndpointRegistry} built by the core
 * auto-configuration (or defined by the application), with the
 * {@link WsEngineSettings} bean's engine limits, and compresses with the {@code ServerDeflateNegotiator}
 * bean that the core auto-configuration defines from {@link DeflateOptions}. Every bean backs off when the application defines its own.
 */
@AutoConfiguration(afterName = "io.wsstack.autoconfigure.WsAutoConfiguration")
@ConditionalOnWsEnabled
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HttpUpgradeHandler.class)
@ConditionalOnBean(WsEndpointRegistry.class)
public final class WsServletAutoConfiguration {

    /** Bean name of the transport's timer thread. */
    public static final String SCHEDULER_BEAN_NAME = "wsTransportScheduler";

    @Bean
    @ConditionalOnMissingBean
    WsSessionRegistry wsSessionRegistry() {
        return new WsSessionRegistry();
    }

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
    ServletTransport wsServletTransport(WsSessionRegistry sessions, ObjectProvider<WsObserver> observers,
            WsTransportScheduler scheduler, ObjectProvider<WsEngineSettings> engineSettings) {
        WsEngineSettings engine = engineSettings.getIfAvailable();
        // Endpoints the engine settings do not name (contributed ones, an application's own
        // registry) get settings derived from their limits inside the transport.
        return new ServletTransport(sessions, observers.orderedStream().toList(), scheduler.executor(), System::nanoTime,
                engine == null ? null : name -> engine.find(name).orElse(null));
    }

    @Bean
    @ConditionalOnMissingBean(name = "wsUpgradeFilterRegistration")
    FilterRegistrationBean<WsUpgradeFilter> wsUpgradeFilterRegistration(WsEndpointRegistry endpoints,
            ObjectProvider<WsHandshakeInterceptor> interceptors, ObjectProvider<ServerDeflateNegotiator> deflate,
            ServletTransport transport) {
        WsUpgradeFilter filter = new WsUpgradeFilter(endpoints, interceptors.orderedStream().toList(),
                deflate.getIfAvailable(), transport);
        FilterRegistrationBean<WsUpgradeFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("wsUpgradeFilter");
        registration.setOrder(WsUpgradeFilter.ORDER);
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setAsyncSupported(true);
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    WsGracefulShutdown wsGracefulShutdown(WsSessionRegistry sessions, WsEndpointRegistry endpoints) {
        return new WsGracefulShutdown(sessions, endpoints);
    }
}
