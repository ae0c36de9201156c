package io.wsstack.spring.cluster;

import io.wsstack.spring.WsSession;

import io.wsstack.spring.transport.MessageFanOut;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster of one: every operation reaches this instance's sessions only, counts are local
 * counts and group history (when kept) lives in memory. What an application gets without
 * {@code ws.cluster.enabled=true}, so that code written against {@link WsCluster} runs unchanged
 * on one instance or many.
 */
public final class LocalWsCluster implements WsCluster {

    private final LocalMembers members;
    private final LocalHistory history;
    private final String instanceId = UUID.randomUUID().toString();

    public LocalWsCluster(LocalMembers members, HistoryLimits historyLimits) {
        this.members = members;
        this.history = new LocalHistory(historyLimits, Clock.systemUTC());
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public CompletableFuture<WsClusterSend> send(WsClusterTarget target, String text) {
        return send(target, true, StandardCharsets.UTF_8.encode(text));
    }

    @Override
    public CompletableFuture<WsClusterSend> send(WsClusterTarget target, ByteBuffer data) {
        return send(target, false, data.asReadOnlyBuffer());
    }

    private CompletableFuture<WsClusterSend> send(WsClusterTarget target, boolean text, ByteBuffer payload) {
        if (target.kind() == WsClusterTarget.Kind.GROUP) {
            byte[] bytes = new byte[payload.remaining()];
            payload.duplicate().get(bytes);
            history.append(target.name(), text, bytes);
        }
        return MessageFanOut.deliver(members.members(target), s -> true, text, payload, null).thenApply(n -> new WsClusterSend(n, 0));
    }

    @Override
    public CompletableFuture<Boolean> join(WsSession session, String group) {
        return CompletableFuture.completedFuture(members.join(session, group));
    }

    @Override
    public boolean leave(WsSession session, String group) {
        return members.leave(session, group);
    }

    @Override
    public Set<String> groups(WsSession session) {
        return members.groups(session);
    }

    @Override
    public CompletableFuture<Long> count(WsClusterTarget target) {
        return CompletableFuture.completedFuture((long) members.count(target));
    }

    @Override
    public CompletableFuture<List<WsClusterHistoryEntry>> history(String group, String afterOffset, int limit) {
        return CompletableFuture.completedFuture(history.after(group, afterOffset, limit));
    }

    @Override
    public CompletableFuture<List<WsClusterHistoryEntry>> recentHistory(String group, int count) {
        return CompletableFuture.completedFuture(history.recent(group, count));
    }

    @Override
    public WsClusterState state() {
        return new WsClusterState("local", instanceId, true, 0, 0, 0, 0, 0);
    }
}
