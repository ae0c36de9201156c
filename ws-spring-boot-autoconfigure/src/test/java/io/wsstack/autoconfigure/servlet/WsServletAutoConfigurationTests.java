package io.wsstack.autoconfigure.servlet;

import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.deflate.ServerDeflateNegotiator;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsSessionRegistry;
import io.wsstack.spring.servlet.ServletTransport;
import io.wsstack.spring.servlet.WsGracefulShutdown;
import io.wsstack.spring.servlet.WsTransportScheduler;
import io.wsstack.spring.servlet.WsUpgradeFilter;
import io.wsstack.spring.transport.LiveSessions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

class WsServletAutoConfigurationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WsServletAutoConfiguration.class))
            .withBean(LiveSessions.class, LiveSessions::new)
            .withBean(WsSessionRegistry.class);

    private final WsEndpointRegistry endpoints = new WsEndpointRegistry(List.of());

    @Test
    @DisplayName("With an endpoint registry, the filter, timer thread, transport and shutdown are defined")
    void definesTransportBeans() {
        runner.withBean(WsEndpointRegistry.class, () -> endpoints).run(context -> {
            assertThat(context.getBean(ServletTransport.class).sessions()).isSameAs(context.getBean(LiveSessions.class));
            assertThat(context).hasSingleBean(ServletTransport.class)
                    .hasSingleBean(WsGracefulShutdown.class)
                    .hasBean(WsServletAutoConfiguration.SCHEDULER_BEAN_NAME)
                    .doesNotHaveBean(ServerDeflateNegotiator.class);
            FilterRegistrationBean<?> registration = context.getBean("wsUpgradeFilterRegistration", FilterRegistrationBean.class);
            assertThat(registration.getFilter()).isInstanceOf(WsUpgradeFilter.class);
            assertThat(registration.getOrder()).isEqualTo(WsUpgradeFilter.ORDER).isGreaterThan(-100);
        });
    }

    @Test
    @DisplayName("The transport leaves the permessage-deflate negotiator to the core auto-configuration")
    void doesNotDefineDeflateNegotiator() {
        runner.withBean(WsEndpointRegistry.class, () -> endpoints)
                .withBean(DeflateOptions.class, DeflateOptions::defaults)
                .run(context -> assertThat(context).doesNotHaveBean(ServerDeflateNegotiator.class));
    }

    @Test
    @DisplayName("ws.enabled=false turns the transport off")
    void disabledByProperty() {
        runner.withBean(WsEndpointRegistry.class, () -> endpoints).withPropertyValues("ws.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ServletTransport.class)
                        .doesNotHaveBean("wsUpgradeFilterRegistration"));
    }

    @Test
    @DisplayName("Without an endpoint registry nothing is defined")
    void needsEndpointRegistry() {
        runner.run(context -> assertThat(context).doesNotHaveBean(ServletTransport.class));
    }

    @Test
    @DisplayName("Outside a servlet web application nothing is defined")
    void needsServletWebApplication() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WsServletAutoConfiguration.class))
                .withBean(WsEndpointRegistry.class, () -> endpoints)
                .run(context -> assertThat(context).doesNotHaveBean(ServletTransport.class));
    }

    @Test
    @DisplayName("An application's own scheduler wins")
    void backsOffForUserBeans() {
        runner.withBean(WsEndpointRegistry.class, () -> endpoints)
                .withBean(WsTransportScheduler.class,
                        () -> new WsTransportScheduler(java.util.concurrent.Executors.newSingleThreadScheduledExecutor()))
                .run(context -> {
                    assertThat(context).hasSingleBean(WsTransportScheduler.class)
                            .doesNotHaveBean(ScheduledExecutorService.class);
                });
    }
}
