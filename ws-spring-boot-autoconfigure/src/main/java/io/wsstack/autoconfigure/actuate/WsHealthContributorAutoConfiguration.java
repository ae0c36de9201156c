package io.wsstack.autoconfigure.actuate;

import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import io.wsstack.autoconfigure.WsAutoConfiguration;
import io.wsstack.spring.WsEndpointRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import io.wsstack.autoconfigure.ConditionalOnWsEnabled;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Registers the {@code ws} health indicator when Spring Boot's health support is on the classpath
 * and {@code management.health.ws.enabled} is not {@code false}.
 */
@AutoConfiguration(after = WsAutoConfiguration.class, before = HealthContributorAutoConfiguration.class)
@ConditionalOnClass(Health.class)
@ConditionalOnWsEnabled
@ConditionalOnBean(WsEndpointRegistry.class)
@ConditionalOnEnabledHealthIndicator("ws")
@Import(WsSessionTrackerConfiguration.class)
public final class WsHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(value = WsHealthIndicator.class, name = "wsHealthIndicator")
    WsHealthIndicator wsHealthIndicator(WsEndpointRegistry endpointRegistry, WsSessionTracker sessionTracker,
            ApplicationContext applicationContext) {
        return new WsHealthIndicator(endpointRegistry, sessionTracker, applicationContext);
    }
}
