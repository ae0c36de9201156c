package io.wsstack.autoconfigure.cluster;

import java.time.Duration;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Configuration properties under {@code ws.cluster.}: whether this instance joins the others that
 * share its Redis, and the timings of presence, publishing and group history. Redis itself is
 * described by Spring Boot's {@code spring.data.redis.*}.
 */
@ConfigurationProperties(prefix = "ws.cluster", ignoreUnknownFields = false)
public class WsClusterProperties implements InitializingBean {

    /**
     * Whether this instance joins a cluster through the Redis that spring.data.redis.* describes
     * (needs Spring Data Redis with Lettuce on the class path). When false, the WsCluster bean
     * reaches this instance's sessions only.
     */
    private boolean enabled = false;

    /** Prefix of every Redis channel and key of the cluster; instances with the same prefix form one cluster. */
    private String prefix = "ws";

    /** How often an instance refreshes its presence in Redis and checks its connection. */
    private Duration heartbeatInterval = Duration.ofSeconds(2);

    /**
     * How long an instance's presence outlives its last heartbeat: an instance that dies without
     * leaving drops out of cluster-wide counts within this time. Must be longer than the heartbeat interval.
     */
    private Duration presenceExpiry = Duration.ofSeconds(10);

    /** How long a publish may wait for Redis before it counts as failed. */
    private Duration publishTimeout = Duration.ofSeconds(2);

    /** Publishes that may wait for Redis at once; beyond this a publish fails at once instead of queueing. */
    private int maxPendingPublishes = 10_000;

    /** Per-group history (Redis Streams), for clients that catch up after a reconnect. */
    private final History history = new History();

    @Override
    public void afterPropertiesSet() {
        positive("ws.cluster.heartbeat-interval", heartbeatInterval);
        positive("ws.cluster.presence-expiry", presenceExpiry);
        positive("ws.cluster.publish-timeout", publishTimeout);
        if (presenceExpiry.compareTo(heartbeatInterval) <= 0) {
            throw new InvalidConfigurationPropertyValueException("ws.cluster.presence-expiry", presenceExpiry,
                    "must be longer than ws.cluster.heartbeat-interval (" + heartbeatInterval + ")");
        }
        if (prefix == null || prefix.isBlank()) {
            throw new InvalidConfigurationPropertyValueException("ws.cluster.prefix", prefix, "must not be empty");
        }
        if (maxPendingPublishes < 1) {
            throw new InvalidConfigurationPropertyValueException("ws.cluster.max-pending-publishes",
                    maxPendingPublishes, "must be at least 1");
        }
        if (history.maxLength < 0) {
            throw new InvalidConfigurationPropertyValueException("ws.cluster.history.max-length", history.maxLength,
                    "must not be negative");
        }
        positive("ws.cluster.history.max-age", history.maxAge);
    }

    private static void positive(String property, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidConfigurationPropertyValueException(property, value, "must be greater than zero");
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public Duration getPresenceExpiry() {
        return presenceExpiry;
    }

    public void setPresenceExpiry(Duration presenceExpiry) {
        this.presenceExpiry = presenceExpiry;
    }

    public Duration getPublishTimeout() {
        return publishTimeout;
    }

    public void setPublishTimeout(Duration publishTimeout) {
        this.publishTimeout = publishTimeout;
    }

    public int getMaxPendingPublishes() {
        return maxPendingPublishes;
    }

    public void setMaxPendingPublishes(int maxPendingPublishes) {
        this.maxPendingPublishes = maxPendingPublishes;
    }

    public History getHistory() {
        return history;
    }

    /** What each group's history keeps. */
    public static class History {

        /** Messages kept per group; 0 keeps no history. */
        private int maxLength = 0;

        /** Messages older than this are dropped from a group's history. */
        private Duration maxAge = Duration.ofHours(1);

        public int getMaxLength() {
            return maxLength;
        }

        public void setMaxLength(int maxLength) {
            this.maxLength = maxLength;
        }

        public Duration getMaxAge() {
            return maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }
    }
}
