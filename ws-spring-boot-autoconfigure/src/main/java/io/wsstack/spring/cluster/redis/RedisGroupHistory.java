package io.wsstack.spring.cluster.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.wsstack.spring.cluster.HistoryLimits;
import io.wsstack.spring.cluster.WsClusterHistoryEntry;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A group's history in a Redis stream ({@code <prefix>:history:<group>}): every message sent to
 * the group is appended, the stream is trimmed to the newest {@code maxLength} entries and to
 * those younger than {@code maxAge} (stream ids start with Redis's clock in milliseconds), and a
 * group silent for {@code maxAge} loses its stream altogether. Offsets are stream ids.
 */
final class RedisGroupHistory {

    private static final byte[] AT = RedisKeys.bytes("at");
    private static final byte[] TEXT = RedisKeys.bytes("t");
    private static final byte[] PAYLOAD = RedisKeys.bytes("p");

    private final RedisKeys keys;
    private final HistoryLimits limits;
    private final Clock clock;

    RedisGroupHistory(RedisKeys keys, HistoryLimits limits, Clock clock) {
        this.keys = keys;
        this.limits = limits;
        this.clock = clock;
    }

    boolean enabled() {
        return limits.enabled();
    }

    /** Appends a message; fire and forget, in order with the publish that follows on the same connection. */
    void append(RedisAsyncCommands<byte[], byte[]> redis, String group, long publishedAt, boolean text, ByteBuffer payload) {
        byte[] key = keys.history(group);
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        Map<byte[], byte[]> fields = new LinkedHashMap<>();
        fields.put(AT, RedisKeys.bytes(Long.toString(publishedAt)));
        fields.put(TEXT, RedisKeys.bytes(text ? "1" : "0"));
        fields.put(PAYLOAD, bytes);
        long maxAge = limits.maxAge().toMillis();
        redis.xadd(key, XAddArgs.Builder.maxlen(limits.maxLength()).approximateTrimming(), fields);
        redis.xtrim(key, XTrimArgs.Builder.minId(Math.max(0, clock.millis() - maxAge) + "-0").approximateTrimming());
        redis.pexpire(key, maxAge);
    }

    /** Entries after {@code afterOffset} (exclusive), oldest first. */
    CompletableFuture<List<WsClusterHistoryEntry>> after(RedisAsyncCommands<byte[], byte[]> redis, String group,
            String afterOffset, int limit) {
        Range.Boundary<String> lower = afterOffset == null || afterOffset.isEmpty() ? Range.Boundary.unbounded()
                : Range.Boundary.including(next(afterOffset));
        return redis.xrange(keys.history(group), Range.from(lower, Range.Boundary.unbounded()), Limit.from(limit))
                .toCompletableFuture().thenApply(this::entries);
    }

    /** The newest {@code count} entries, oldest first. */
    CompletableFuture<List<WsClusterHistoryEntry>> recent(RedisAsyncCommands<byte[], byte[]> redis, String group, int count) {
        return redis.xrevrange(keys.history(group), Range.unbounded(), Limit.from(count)).toCompletableFuture()
                .thenApply(messages -> {
                    List<WsClusterHistoryEntry> entries = entries(messages);
                    Collections.reverse(entries);
                    return entries;
                });
    }

    private List<WsClusterHistoryEntry> entries(List<StreamMessage<byte[], byte[]>> messages) {
        long oldest = clock.millis() - limits.maxAge().toMillis();
        List<WsClusterHistoryEntry> entries = new ArrayList<>(messages.size());
        for (StreamMessage<byte[], byte[]> message : messages) {
            Map<String, byte[]> body = new LinkedHashMap<>();
            message.getBody().forEach((k, v) -> body.put(new String(k, StandardCharsets.UTF_8), v));
            if (body.get("at") == null || body.get("p") == null) {
                continue;
            }
            long at = Long.parseLong(new String(body.get("at"), StandardCharsets.UTF_8));
            if (at < oldest) {
                continue; // approximate trimming may keep a few entries past their age
            }
            boolean text = body.get("t") != null && body.get("t").length == 1 && body.get("t")[0] == '1';
            entries.add(new WsClusterHistoryEntry(message.getId(), at, text, body.get("p")));
        }
        return entries;
    }

    /** The smallest stream id after {@code id} ({@code ms-seq}), so that a read can start there inclusively. */
    static String next(String id) {
        int dash = id.indexOf('-');
        try {
            if (dash < 0) {
                return Long.parseLong(id) + "-1";
            }
            long ms = Long.parseLong(id.substring(0, dash));
            long seq = Long.parseLong(id.substring(dash + 1));
            return seq == Long.MAX_VALUE ? (ms + 1) + "-0" : ms + "-" + (seq + 1);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a history offset: '" + id + "'", e);
        }
    }
}
