package io.wsstack.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wsstack.spring.WsEndpointRegistry;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WsMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WsMetricsAutoConfiguration.class))
            .withUserConfiguration(EndpointsConfiguration.class);

    @Test
    @DisplayName("with a MeterRegistry bean, the observer is registered and the endpoints' gauges exist")
    void observerWithMeterRegistry() {
        runner.withUserConfiguration(MeterRegistryConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(MicrometerWsObserver.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("ws.sessions.active").tag("endpoint", "chat").gauge().value()).isZero();
            assertThat(registry.get("ws.sessions.active").tag("endpoint", "rooms").gauge().value()).isZero();
        });
    }

    @Test
    @DisplayName("ordered after Boot's metrics auto-configuration: its registry is seen and used")
    void orderedAfterBootMetrics() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WsMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
                .withUserConfiguration(EndpointsConfiguration.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(MicrometerWsObserver.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    context.getBean(MicrometerWsObserver.class).sessionOpened("chat", false);
                    assertThat(registry.get("ws.sessions.opened").tag("endpoint", "chat").counter().count()).isEqualTo(1.0);
                });
    }

    @Test
    @DisplayName("without a MeterRegistry bean, no observer")
    void noObserverWithoutMeterRegistry() {
        runner.run(context -> assertThat(context).doesNotHaveBean(MicrometerWsObserver.class));
    }

    @Test
    @DisplayName("without Micrometer on the classpath, no observer and no failure")
    void noObserverWithoutMicrometer() {
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(MicrometerWsObserver.class);
        });
    }

    @Test
    @DisplayName("without a WsEndpointRegistry (no ws auto-configuration), no observer")
    void noObserverWithoutEndpoints() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WsMetricsAutoConfiguration.class))
                .withUserConfiguration(MeterRegistryConfiguration.class)
                .run(context -> assertThat(context).doesNotHaveBean(MicrometerWsObserver.class));
    }

    @Test
    @DisplayName("ws.enabled=false turns the meters off")
    void disabledByProperty() {
        runner.withUserConfiguration(MeterRegistryConfiguration.class)
                .withPropertyValues("ws.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(MicrometerWsObserver.class));
    }

    @Test
    @DisplayName("a user's MicrometerWsObserver bean replaces ours")
    void userObserverWins() {
        runner.withUserConfiguration(MeterRegistryConfiguration.class, UserObserverConfiguration.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(MicrometerWsObserver.class);
                    assertThat(context).getBean(MicrometerWsObserver.class)
                            .isSameAs(context.getBean("userObserver"));
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
    static class MeterRegistryConfiguration {

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserObserverConfiguration {

        @Bean
        MicrometerWsObserver userObserver(MeterRegistry registry) {
            return new MicrometerWsObserver(registry, List.of("custom"));
        }
    }
}
