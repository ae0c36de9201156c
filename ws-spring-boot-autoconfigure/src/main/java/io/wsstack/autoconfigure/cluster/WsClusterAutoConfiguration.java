package io.wsstack.autoconfigure.cluster;

import io.wsstack.autoconfigure.servlet.WsServletAutoConfiguration;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.wsstack.autoconfigure.ConditionalOnWsEnabled;
import io.wsstack.spring.WsSessionRegistry;
import io.wsstack.spring.cluster.HistoryLimits;
import io.wsstack.spring.cluster.LocalMembers;
import io.wsstack.spring.cluster.LocalWsCluster;
import io.wsstack.spring.cluster.WsCluster;
import io.wsstack.spring.cluster.WsClusterObserver;
import io.wsstack.spring.cluster.redis.RedisClusterSettings;
import io.wsstack.spring.cluster.redis.RedisWsCluster;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.util.List;

/**
 * The {@link WsCluster} bean. With {@code ws.cluster.enabled=true} and Spring Data Redis with
 * Lettuce on the class path it joins the instances that share the Redis described by
 * {@code spring.data.redis.*}; otherwise it reaches this instance's sessions only, so that code
 * written against {@link WsCluster} runs unchanged on one instance. Asking for a cluster without
 * Redis on the class path fails start-up with a message saying what to add.
 */
@AutoConfiguration(after = WsServletAutoConfiguration.class, afterName = {
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnWsEnabled
@ConditionalOnBean(WsSessionRegistry.class)
@EnableConfigurationProperties(WsClusterProperties.class)
public final class WsClusterAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LocalMembers wsClusterMembers(WsSessionRegistry sessionRegistry) {
        return new LocalMembers(sessionRegistry);
    }

    @Bean
    @ConditionalOnMissingBean(WsCluster.class)
    LocalWsCluster localWsCluster(LocalMembers members, WsClusterProperties properties) {
        if (properties.isEnabled()) {
            throw new IllegalStateException("ws.cluster.enabled=true needs Spring Data Redis with Lettuce: add "
                    + "org.springframework.boot:spring-boot-starter-data-redis and describe the Redis with spring.data.redis.*");
        }
        return new LocalWsCluster(members, historyLimits(properties));
    }

    static HistoryLimits historyLimits(WsClusterProperties properties) {
        WsClusterProperties.History history = properties.getHistory();
        return history.getMaxLength() == 0 ? HistoryLimits.NONE
                : new HistoryLimits(history.getMaxLength(), history.getMaxAge());
    }

    /** Several instances through Redis pub/sub, on the Lettuce client Spring Boot configured. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ LettuceConnectionFactory.class, RedisClient.class })
    @ConditionalOnBooleanProperty("ws.cluster.enabled")
    static class RedisClusterConfiguration {

        @Bean
        @ConditionalOnMissingBean(WsCluster.class)
        RedisWsCluster redisWsCluster(ObjectProvider<RedisConnectionFactory> connectionFactory, LocalMembers members,
                WsClusterProperties properties, ObjectProvider<WsClusterObserver> observers) {
            RedisConnectionFactory factory = connectionFactory.getIfAvailable();
            if (!(factory instanceof LettuceConnectionFactory lettuce)) {
                throw new IllegalStateException("ws.cluster.enabled=true needs a Lettuce RedisConnectionFactory, found "
                        + (factory == null ? "none" : factory.getClass().getName())
                        + ": use spring-boot-starter-data-redis (Lettuce is its default client)");
            }
            AbstractRedisClient client = lettuce.getRequiredNativeClient();
            if (!(client instanceof RedisClient redisClient)) {
                throw new IllegalStateException("ws.cluster works with a standalone or Sentinel Redis; "
                        + "spring.data.redis.cluster.* (Redis Cluster) is not supported yet");
            }
            RedisClusterSettings settings = new RedisClusterSettings(properties.getPrefix(),
                    properties.getHeartbeatInterval(), properties.getPresenceExpiry(), properties.getPublishTimeout(),
                    properties.getMaxPendingPublishes(), historyLimits(properties));
            return new RedisWsCluster(redisClient, members, settings, composite(observers.orderedStream().toList()));
        }

        private static WsClusterObserver composite(List<WsClusterObserver> observers) {
            if (observers.size() == 1) {
                return observers.get(0);
            }
            return new CompositeClusterObserver(observers);
        }
    }

    /** The {@code ws.cluster.*} meters, when Micrometer is in use. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class ClusterMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        MicrometerWsClusterObserver micrometerWsClusterObserver(MeterRegistry meterRegistry,
                ObjectProvider<WsCluster> cluster) {
            return new MicrometerWsClusterObserver(meterRegistry, cluster);
        }
    }
}
