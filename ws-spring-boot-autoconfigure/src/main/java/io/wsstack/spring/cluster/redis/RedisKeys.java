package io.wsstack.spring.cluster.redis;

import io.wsstack.spring.cluster.WsClusterTarget;

import java.nio.charset.StandardCharsets;

/**
 * Names of the channels and keys a cluster uses, all under one prefix so that several
 * applications can share a Redis: {@code <prefix>:<kind>:<name>} channels (one per endpoint,
 * group, user and session with members somewhere), {@code <prefix>:presence:<instance>} hashes,
 * the {@code <prefix>:instances} set and {@code <prefix>:history:<group>} streams.
 */
final class RedisKeys {

    private final String prefix;

    RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    String channel(WsClusterTarget target) {
        return prefix + ":" + target.kind().code() + ":" + target.name();
    }

    byte[] presence(String instanceId) {
        return bytes(prefix + ":presence:" + instanceId);
    }

    byte[] instances() {
        return bytes(prefix + ":instances");
    }

    byte[] history(String group) {
        return bytes(prefix + ":history:" + group);
    }

    /** The presence hash field that holds a target's count on one instance. */
    static byte[] presenceField(WsClusterTarget target) {
        return bytes(target.kind().code() + ":" + target.name());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
