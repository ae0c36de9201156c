package io.wsstack.spring.cluster;

import io.wsstack.spring.WsSession;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Sessions of every instance of the application, reachable from any one of them: send to an
 * endpoint, a group, a user or a session wherever it is connected; let sessions join and leave
 * groups; count who is connected across the cluster; read a group's recent history.
 *
 * <p>Every send first delivers to this instance's own matching sessions (encoding the message
 * once for all of them that can share frame bytes), then hands the message to the broker, through
 * which each other instance with members of the target delivers it to its own sessions, encoding
 * once too. Delivery between instances is at most once: a message published while an instance is
 * cut off from the broker is not replayed to it (a group's history, when kept, lets a client
 * catch up). Messages one instance sends to one target arrive in the order they were sent.
 *
 * <p>The local implementation serves a single instance; the Redis one ({@code ws.cluster.enabled=true})
 * joins all instances that share a Redis.
 */
public interface WsCluster {

    /** This instance's id, unique in the cluster. */
    String instanceId();

    /** Sends a text message to every session of the target, on every instance. */
    CompletableFuture<WsClusterSend> send(WsClusterTarget target, String text);

    /** Sends a binary message (the buffer's remaining bytes, position unchanged) to every session of the target. */
    CompletableFuture<WsClusterSend> send(WsClusterTarget target, ByteBuffer data);

    /**
     * Adds an open session of this instance to a group; it leaves all its groups when it ends. The
     * session is a member here at once; the future completes when messages sent to the group from
     * other instances reach it too (this instance's subscription is confirmed by the broker; at once
     * when another local member already had it, or when the broker is unreachable).
     *
     * @return {@code false} when it already was a member, or the session is not open here
     */
    CompletableFuture<Boolean> join(WsSession session, String group);

    /** Removes a session from a group; {@code false} when it was not a member. */
    boolean leave(WsSession session, String group);

    /** The groups a session of this instance belongs to. */
    Set<String> groups(WsSession session);

    /**
     * How many sessions the target has across the cluster: an endpoint's or a group's sessions, a
     * user's sessions (0 when the user is connected nowhere), or 1 / 0 for a session id. Instances
     * that stopped without saying so are left out once their presence has expired.
     */
    CompletableFuture<Long> count(WsClusterTarget target);

    /** Whether the user has at least one session on some instance. */
    default CompletableFuture<Boolean> isUserConnected(String user) {
        return count(WsClusterTarget.user(user)).thenApply(n -> n > 0);
    }

    /**
     * What a group received after {@code afterOffset} (exclusive; {@code null} for the oldest kept),
     * oldest first, at most {@code limit} entries. Empty when history is off.
     */
    CompletableFuture<List<WsClusterHistoryEntry>> history(String group, String afterOffset, int limit);

    /** The last {@code count} messages a group received, oldest first. Empty when history is off. */
    CompletableFuture<List<WsClusterHistoryEntry>> recentHistory(String group, int count);

    /** This instance's view of the cluster now. */
    WsClusterState state();
}
