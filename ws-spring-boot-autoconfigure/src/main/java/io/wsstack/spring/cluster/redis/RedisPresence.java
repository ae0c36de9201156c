package io.wsstack.spring.cluster.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.wsstack.spring.cluster.WsClusterTarget;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Cluster-wide counts. Each instance keeps a hash of its local counts ({@code e:<endpoint>},
 * {@code g:<group>}, {@code u:<user>}, plus an {@code alive} field) that expires unless its
 * heartbeat renews it, and lists itself in the instances set. A count is the sum over the
 * instances whose hash still exists; an instance whose hash expired died without leaving and is
 * removed from the set. Expiry runs on Redis's clock, so the instances' clocks need not agree.
 *
 * <p>Counts are written as absolute values, never increments, so a lost write or a Redis restart
 * is repaired by the next heartbeat.
 */
final class RedisPresence {

    private static final byte[] ALIVE = RedisKeys.bytes("alive");
    private static final byte[] ONE = RedisKeys.bytes("1");

    private final RedisKeys keys;
    private final String instanceId;
    private final long expiryMillis;
    /** Fields this instance has written, so that a snapshot can delete those that dropped to 0. Guarded by the members lock. */
    private final Set<String> written = new HashSet<>();

    RedisPresence(RedisKeys keys, String instanceId, long expiryMillis) {
        this.keys = keys;
        this.instanceId = instanceId;
        this.expiryMillis = expiryMillis;
    }

    /** Writes one changed count. Called under the members lock. */
    void countChanged(RedisAsyncCommands<byte[], byte[]> redis, WsClusterTarget target, int count) {
        byte[] key = keys.presence(instanceId);
        byte[] field = RedisKeys.presenceField(target);
        if (count > 0) {
            redis.hset(key, field, RedisKeys.bytes(Integer.toString(count)));
            written.add(new String(field, StandardCharsets.UTF_8));
        }
        else {
            redis.hdel(key, field);
            written.remove(new String(field, StandardCharsets.UTF_8));
        }
    }

    /** Rewrites every local count and renews the expiry. Called under the members lock. */
    void heartbeat(RedisAsyncCommands<byte[], byte[]> redis, Map<WsClusterTarget, Integer> counts) {
        byte[] key = keys.presence(instanceId);
        Map<byte[], byte[]> fields = new HashMap<>();
        fields.put(ALIVE, ONE);
        Set<String> now = new HashSet<>();
        counts.forEach((target, count) -> {
            byte[] field = RedisKeys.presenceField(target);
            fields.put(field, RedisKeys.bytes(Integer.toString(count)));
            now.add(new String(field, StandardCharsets.UTF_8));
        });
        redis.hset(key, fields);
        List<byte[]> stale = new ArrayList<>();
        for (String field : written) {
            if (!now.contains(field)) {
                stale.add(RedisKeys.bytes(field));
            }
        }
        if (!stale.isEmpty()) {
            redis.hdel(key, stale.toArray(new byte[0][]));
        }
        written.clear();
        written.addAll(now);
        redis.pexpire(key, expiryMillis);
        redis.sadd(keys.instances(), RedisKeys.bytes(instanceId));
    }

    /** Takes this instance out of the cluster's counts at once (a graceful stop). */
    void leave(RedisAsyncCommands<byte[], byte[]> redis) {
        redis.del(keys.presence(instanceId));
        redis.srem(keys.instances(), RedisKeys.bytes(instanceId));
    }

    /**
     * The target's count over every live instance, this one's taken from {@code localCount}
     * (fresher than what it wrote). Instances whose presence expired are removed from the set.
     */
    CompletableFuture<Long> count(RedisAsyncCommands<byte[], byte[]> redis, WsClusterTarget target, int localCount) {
        byte[] field = RedisKeys.presenceField(target);
        return redis.smembers(keys.instances()).toCompletableFuture().thenCompose(ids -> {
            List<CompletableFuture<Long>> parts = new ArrayList<>();
            for (byte[] id : ids) {
                String other = new String(id, StandardCharsets.UTF_8);
                if (other.equals(instanceId)) {
                    continue;
                }
                parts.add(redis.hmget(keys.presence(other), ALIVE, field).toCompletableFuture()
                        .thenApply(values -> countOf(redis, id, values)));
            }
            return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
                long total = localCount;
                for (CompletableFuture<Long> part : parts) {
                    total += part.join();
                }
                return total;
            });
        });
    }

    private long countOf(RedisAsyncCommands<byte[], byte[]> redis, byte[] id, List<KeyValue<byte[], byte[]>> values) {
        if (!values.get(0).hasValue()) {
            // Its hash expired: the instance stopped heartbeating without leaving.
            redis.srem(keys.instances(), id);
            return 0;
        }
        KeyValue<byte[], byte[]> count = values.get(1);
        return count.hasValue() ? Long.parseLong(new String(count.getValue(), StandardCharsets.UTF_8)) : 0;
    }
}
