package io.wsstack.autoconfigure.cluster;

import io.wsstack.autoconfigure.ConditionalOnWsEnabled;
import io.wsstack.spring.cluster.WsCluster;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;

/**
 * The {@code wsCluster} health indicator, for a cluster through a broker. Its own auto-configuration
 * (not a nested one of {@link WsClusterAutoConfiguration}) because it orders itself before Actuator's
 * health support by class reference: the class-level {@code @ConditionalOnClass} keeps this class
 * from being loaded in applications without that support, where the reference could not resolve.
 */
@AutoConfiguration(after = WsClusterAutoConfiguration.class, before = HealthContributorAutoConfiguration.class)
@ConditionalOnClass(Health.class)
@ConditionalOnWsEnabled
@ConditionalOnBooleanProperty("ws.cluster.enabled")
@ConditionalOnBean(WsCluster.class)
@ConditionalOnEnabledHealthIndicator("ws-cluster")
public final class WsClusterHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "wsClusterHealthIndicator")
    WsClusterHealthIndicator wsClusterHealthIndicator(WsCluster cluster) {
        return new WsClusterHealthIndicator(cluster);
    }
}
