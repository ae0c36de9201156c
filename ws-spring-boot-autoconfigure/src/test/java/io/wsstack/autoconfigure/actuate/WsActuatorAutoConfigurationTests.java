package io.wsstack.autoconfigure.actuate;

import io.wsstack.autoconfigure.metrics.TestEndpointRegistries;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsObserver;
import io.wsstack.spring.transport.TransportDispatch;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code ws} Actuator endpoint and health indicator auto-configurations, together and apart. */
class WsActuatorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WsActuatorEndpointAutoConfiguration.class,
                    WsHealthContributorAutoConfiguration.class))
            .withUserConfiguration(EndpointsConfiguration.class);

    private final ApplicationContextRunner exposed = runner
            .withPropertyValues("management.endpoints.web.exposure.include=ws");

    @Test
    @DisplayName("exposed ws endpoint and health indicator share one session tracker, which observes the transport")
    void endpointAndHealthIndicator() {
        exposed.run(context -> {
            assertThat(context).hasSingleBean(WsActuatorEndpoint.class);
            assertThat(context).hasSingleBean(WsHealthIndicator.class);
            assertThat(context).hasBean("wsHealthIndicator");
            assertThat(context).hasSingleBean(WsSessionTracker.class);
            assertThat(context.getBeansOfType(WsObserver.class)).containsValue(context.getBean(WsSessionTracker.class));
            context.getBean(WsSessionTracker.class).sessionOpened("chat", false);
            assertThat(context.getBean(WsActuatorEndpoint.class).endpoints().endpoints().get(0).sessions().active())
                    .isEqualTo(1);
        });
    }

    @Test
    @DisplayName("every TransportDispatch bean is reported in each endpoint's handlerDispatch")
    void transportDispatchBeansAreReported() {
        exposed.withBean("wsServletUpgradeDispatch", TransportDispatch.class,
                () -> TransportDispatch.containerThreads("servlet-upgrade")).run(context ->
                assertThat(context.getBean(WsActuatorEndpoint.class).endpoints().endpoints().get(0).handlerDispatch())
                        .containsExactly(Map.entry("servlet-upgrade", "container")));
    }

    @Test
    @DisplayName("RFC 7692: a DeflateOptions bean (compression on) shows up in the endpoint's deflate section")
    void deflateOptionsBeanIsReported() {
        exposed.withBean(DeflateOptions.class, () -> DeflateOptions.builder().threshold(128).build()).run(context ->
                assertThat(context.getBean(WsActuatorEndpoint.class).endpoints().deflate().threshold()).isEqualTo(128));
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: closing the application context turns the registered health indicator DOWN")
    void healthDownOnContextClose() {
        runner.run(context -> {
            WsHealthIndicator indicator = context.getBean(WsHealthIndicator.class);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            context.close();
            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    @DisplayName("the ws endpoint is absent until exposed; the health indicator is there by default")
    void endpointNeedsExposure() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(WsActuatorEndpoint.class);
            assertThat(context).hasSingleBean(WsHealthIndicator.class);
            assertThat(context).hasSingleBean(WsSessionTracker.class);
        });
    }

    @Test
    @DisplayName("management.endpoint.ws.access=NONE removes the endpoint")
    void endpointAccessNone() {
        exposed.withPropertyValues("management.endpoint.ws.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(WsActuatorEndpoint.class));
    }

    @Test
    @DisplayName("management.health.ws.enabled=false removes the health indicator only")
    void healthIndicatorDisabled() {
        exposed.withPropertyValues("management.health.ws.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(WsHealthIndicator.class);
            assertThat(context).hasSingleBean(WsActuatorEndpoint.class);
        });
    }

    @Test
    @DisplayName("without Actuator on the classpath: no endpoint, health indicator still there")
    void withoutActuator() {
        exposed.withClassLoader(new FilteredClassLoader(Endpoint.class)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(WsActuatorEndpoint.class);
            assertThat(context).hasSingleBean(WsHealthIndicator.class);
        });
    }

    @Test
    @DisplayName("without Boot's health support on the classpath: no health indicator, endpoint still there")
    void withoutHealth() {
        exposed.withClassLoader(new FilteredClassLoader(Health.class)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(WsHealthIndicator.class);
            assertThat(context).hasSingleBean(WsActuatorEndpoint.class);
        });
    }

    @Test
    @DisplayName("without Actuator and health support: nothing of ours, no failure")
    void withoutEither() {
        exposed.withClassLoader(new FilteredClassLoader(Endpoint.class, Health.class)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(WsActuatorEndpoint.class);
            assertThat(context).doesNotHaveBean(WsHealthIndicator.class);
            assertThat(context).doesNotHaveBean(WsSessionTracker.class);
        });
    }

    @Test
    @DisplayName("ws.enabled=false: neither endpoint nor health indicator")
    void disabledByProperty() {
        exposed.withPropertyValues("ws.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(WsActuatorEndpoint.class);
            assertThat(context).doesNotHaveBean(WsHealthIndicator.class);
            assertThat(context).doesNotHaveBean(WsSessionTracker.class);
        });
    }

    @Test
    @DisplayName("without a WsEndpointRegistry: neither endpoint nor health indicator")
    void withoutEndpoints() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WsActuatorEndpointAutoConfiguration.class,
                        WsHealthContributorAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=ws")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(WsActuatorEndpoint.class);
                    assertThat(context).doesNotHaveBean(WsHealthIndicator.class);
                });
    }

    @Test
    @DisplayName("user beans replace the endpoint, the health indicator and the tracker")
    void userBeansWin() {
        exposed.withUserConfiguration(UserBeansConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(WsActuatorEndpoint.class);
            assertThat(context).hasSingleBean(WsSessionTracker.class);
            assertThat(context.getBean(WsActuatorEndpoint.class)).isSameAs(context.getBean("userEndpoint"));
            assertThat(context.getBean(WsSessionTracker.class)).isSameAs(context.getBean("userTracker"));
            assertThat(context).doesNotHaveBean(WsHealthIndicator.class);
            assertThat(context.getBean("wsHealthIndicator")).isNotInstanceOf(WsHealthIndicator.class);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class EndpointsConfiguration {

        @Bean
        WsEndpointRegistry wsEndpointRegistry() {
            return TestEndpointRegistries.chatAndRooms();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeansConfiguration {

        @Bean
        WsSessionTracker userTracker() {
            return new WsSessionTracker(List.of("chat"));
        }

        @Bean
        WsActuatorEndpoint userEndpoint(WsEndpointRegistry registry, WsSessionTracker userTracker) {
            return new WsActuatorEndpoint(registry, userTracker, null);
        }

        @Bean
        HealthIndicator wsHealthIndicator() {
            return () -> Health.up().build();
        }
    }
}
