package io.wsstack.autoconfigure.metrics;

import io.wsstack.autoconfigure.WsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import io.wsstack.autoconfigure.ConditionalOnWsEnabled;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Binds the WebSocket transport's events to Micrometer when the application has a
 * {@link MeterRegistry}: Spring Boot's metrics auto-configuration, or a registry of its own.
 *
 * <p>Ordered after Boot's metrics auto-configuration (so its registry bean is known when the
 * {@code @ConditionalOnBean} is evaluated) and after the ws auto-configuration that defines the
 * {@link WsEndpointRegistry}. Boot's metrics classes are named as strings: that module is not a compile dependency.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" },
        after = WsAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnWsEnabled
@ConditionalOnBean({ MeterRegistry.class, WsEndpointRegistry.class })
public final class WsMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MicrometerWsObserver micrometerWsObserver(MeterRegistry meterRegistry, WsEndpointRegistry endpointRegistry) {
        return new MicrometerWsObserver(meterRegistry,
                endpointRegistry.endpoints().stream().map(WsEndpoint::name).toList());
    }
}
