package io.wsstack.spring;

import io.wsstack.core.PreparedMessage;
import io.wsstack.spring.transport.FrameSharing;
import io.wsstack.spring.transport.LiveSessions;
import io.wsstack.spring.transport.MessageFanOut;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The open sessions of every endpoint of this instance, as applications see them: look one up by
 * id, list an endpoint's sessions, and broadcast a message to them. Inject it; the
 * auto-configuration creates it over the sessions the transports keep ({@link LiveSessions}), so
 * an application cannot add or remove sessions through it.
 *
 * <p>A broadcast encodes the message once ({@link PreparedMessage}) for every group of recipients
 * that can take the same frame bytes — server frames are never masked, so all sessions without
 * compression share one encoding, and all sessions compressing without context takeover share
 * another — and falls back to a per-session send for the others (a deflater that keeps its window
 * between messages differs from its neighbours'). Thread-safe.
 */
public final class WsSessionRegistry {

    private final LiveSessions sessions;

    /** A registry over the sessions the transports add and remove (created by the auto-configuration). */
    public WsSessionRegistry(LiveSessions sessions) {
        this.sessions = sessions;
    }

    /** The open session with this id. */
    public Optional<WsSession> find(String id) {
        return sessions.find(id).map(WsSession.class::cast);
    }

    /** A snapshot of an endpoint's open sessions. */
    public List<WsSession> sessions(String endpoint) {
        return new ArrayList<>(sessions.ofEndpoint(endpoint));
    }

    /** How many sessions are open, over all endpoints. */
    public int size() {
        return sessions.size();
    }

    /**
     * Sends a text message to every open session of an endpoint of this instance (with a cluster,
     * {@code WsCluster} reaches the other instances).
     *
     * <p>Encoding: the message is framed once for all sessions without compression, and compressed
     * once for all sessions whose permessage-deflate has no server context takeover
     * ({@link FrameSharing#DEFLATE_STATELESS}); a session with context takeover
     * ({@link FrameSharing#NONE}) compresses it itself, since its window differs from every other's.
     * The future completes with the number of sessions the message was queued on successfully.
     */
    public CompletableFuture<Integer> broadcast(String endpoint, String text) {
        return broadcast(endpoint, text, s -> true);
    }

    /** Sends a text message to the open sessions of an endpoint that match {@code filter}. */
    public CompletableFuture<Integer> broadcast(String endpoint, String text, Predicate<WsSession> filter) {
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(text).asReadOnlyBuffer();
        return MessageFanOut.deliver(sessions.ofEndpoint(endpoint), filter, true, utf8, text);
    }

    /** Sends a binary message (the buffer's remaining bytes, position unchanged) to every open session of an endpoint. */
    public CompletableFuture<Integer> broadcast(String endpoint, ByteBuffer data) {
        return broadcast(endpoint, data, s -> true);
    }

    /** Sends a binary message to the open sessions of an endpoint that match {@code filter}. */
    public CompletableFuture<Integer> broadcast(String endpoint, ByteBuffer data, Predicate<WsSession> filter) {
        return MessageFanOut.deliver(sessions.ofEndpoint(endpoint), filter, false, data.asReadOnlyBuffer(), null);
    }
}
