package io.wsstack.autoconfigure.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.wsstack.autoconfigure.ConditionalOnWsEnabled;
import io.wsstack.client.WsClient;
import io.wsstack.spring.client.ClientEndpointObserver;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Client meters when the application has a {@link MeterRegistry}; see
 * {@link MicrometerClientEndpointObserver}. Runs before the client auto-configuration so that the
 * endpoint connector finds the observer.
 */
@AutoConfiguration(before = WsClientAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, WsClient.class })
@ConditionalOnWsEnabled
@ConditionalOnBean(MeterRegistry.class)
public final class WsClientMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ClientEndpointObserver.class)
    MicrometerClientEndpointObserver wsClientEndpointObserver(MeterRegistry registry, WsClient client,
            WsClientProperties properties) {
        return new MicrometerClientEndpointObserver(registry, client, properties.getClients().keySet());
    }
}
