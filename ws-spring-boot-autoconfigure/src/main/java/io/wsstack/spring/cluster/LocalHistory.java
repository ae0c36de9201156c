package io.wsstack.spring.cluster;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group history in this JVM's memory, for a single instance: bounded by count and age per group.
 * Offsets are decimal sequence numbers, increasing over all groups.
 */
final class LocalHistory {

    private final HistoryLimits limits;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Deque<WsClusterHistoryEntry>> byGroup = new ConcurrentHashMap<>();

    LocalHistory(HistoryLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    void append(String group, boolean text, byte[] payload) {
        if (!limits.enabled()) {
            return;
        }
        Deque<WsClusterHistoryEntry> entries = byGroup.computeIfAbsent(group, g -> new ArrayDeque<>());
        synchronized (entries) {
            entries.addLast(new WsClusterHistoryEntry(Long.toString(sequence.incrementAndGet()), clock.millis(), text, payload));
            while (entries.size() > limits.maxLength()) {
                entries.removeFirst();
            }
            dropExpired(entries);
        }
    }

    List<WsClusterHistoryEntry> after(String group, String afterOffset, int limit) {
        long after = afterOffset == null || afterOffset.isEmpty() ? 0 : parseOffset(afterOffset);
        List<WsClusterHistoryEntry> result = new ArrayList<>();
        for (WsClusterHistoryEntry entry : snapshot(group)) {
            if (result.size() >= limit) {
                break;
            }
            if (Long.parseLong(entry.offset()) > after) {
                result.add(entry);
            }
        }
        return result;
    }

    List<WsClusterHistoryEntry> recent(String group, int count) {
        List<WsClusterHistoryEntry> all = snapshot(group);
        return new ArrayList<>(all.subList(Math.max(0, all.size() - count), all.size()));
    }

    private List<WsClusterHistoryEntry> snapshot(String group) {
        Deque<WsClusterHistoryEntry> entries = byGroup.get(group);
        if (entries == null) {
            return List.of();
        }
        synchronized (entries) {
            dropExpired(entries);
            return new ArrayList<>(entries);
        }
    }

    private void dropExpired(Deque<WsClusterHistoryEntry> entries) {
        long oldest = clock.millis() - limits.maxAge().toMillis();
        while (!entries.isEmpty() && entries.peekFirst().publishedAt() < oldest) {
            entries.removeFirst();
        }
    }

    private static long parseOffset(String offset) {
        try {
            return Long.parseLong(offset);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a history offset of this instance: '" + offset + "'", e);
        }
    }
}
