package io.wsstack.spring.cluster.redis;

import io.wsstack.spring.cluster.HistoryLimits;

import java.time.Duration;

/**
 * How an instance takes part in a Redis cluster.
 *
 * @param prefix              prefix of every channel and key
 * @param heartbeatInterval   how often presence is refreshed and the connection checked
 * @param presenceExpiry      how long an instance's presence outlives its last heartbeat
 * @param publishTimeout      how long a publish may wait for Redis before it counts as failed
 * @param maxPendingPublishes publishes that may wait for Redis at once; more fail at once
 * @param history             what each group's history keeps
 */
public record RedisClusterSettings(String prefix, Duration heartbeatInterval, Duration presenceExpiry,
        Duration publishTimeout, int maxPendingPublishes, HistoryLimits history) {

    public RedisClusterSettings {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("prefix must not be empty");
        }
        if (presenceExpiry.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("presenceExpiry must be longer than heartbeatInterval");
        }
        if (maxPendingPublishes < 1) {
            throw new IllegalArgumentException("maxPendingPublishes must be at least 1");
        }
    }
}
