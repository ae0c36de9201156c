package io.wsstack.spring;

import io.wsstack.core.PreparedMessage;
import io.wsstack.spring.transport.FrameSharing;
import io.wsstack.spring.transport.TransportSession;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The open sessions of every endpoint: look one up by id, list an endpoint's sessions, and
 * broadcast a message to them.
 *
 * <p>A broadcast encodes the message once ({@link PreparedMessage}) for every group of recipients
 * that can take the same frame bytes — server frames are never masked, so all sessions without
 * compression share one encoding, and all sessions compressing without context takeover share
 * another — and falls back to a per-session send for the others (a deflater that keeps its window
 * between messages differs from its neighbours'). Thread-safe; transports add and remove sessions
 * as they open and end.
 */
public final class WsSessionRegistry {

    /**
     * Hears sessions being added and removed, e.g. to keep cluster routing and presence current.
     * Called on the transport's threads right after the change: must be fast and never throw.
     */
    public interface Listener {

        /** A session opened and is now in the registry. */
        void sessionAdded(TransportSession session);

        /** A session ended and has left the registry; called once per session. */
        void sessionRemoved(TransportSession session);
    }

    private final Map<String, TransportSession> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<TransportSession>> byEndpoint = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener for sessions added and removed from now on. */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Adds an opened session. Called by the transport. */
    public void add(TransportSession session) {
        byId.put(session.id(), session);
        byEndpoint.computeIfAbsent(session.endpoint(), e -> ConcurrentHashMap.newKeySet()).add(session);
        listeners.forEach(listener -> listener.sessionAdded(session));
    }

    /** Removes an ended session. Called by the transport; removing twice does nothing. */
    public void remove(TransportSession session) {
        boolean removed = byId.remove(session.id(), session);
        Set<TransportSession> set = byEndpoint.get(session.endpoint());
        if (set != null) {
            set.remove(session);
        }
        if (removed) {
            listeners.forEach(listener -> listener.sessionRemoved(session));
        }
    }

    /** The open session with this id. */
    public Optional<WsSession> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The transport's view of the session with this id: queue statistics and prepared sends. */
    public Optional<TransportSession> findTransportSession(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** A snapshot of an endpoint's open sessions. */
    public List<WsSession> sessions(String endpoint) {
        return new ArrayList<>(endpointSessions(endpoint));
    }

    /** How many sessions are open, over all endpoints. */
    public int size() {
        return byId.size();
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
        return deliver(endpointSessions(endpoint), filter, true, utf8, s -> s.sendText(text));
    }

    /** Sends a binary message (the buffer's remaining bytes, position unchanged) to every open session of an endpoint. */
    public CompletableFuture<Integer> broadcast(String endpoint, ByteBuffer data) {
        return broadcast(endpoint, data, s -> true);
    }

    /** Sends a binary message to the open sessions of an endpoint that match {@code filter}. */
    public CompletableFuture<Integer> broadcast(String endpoint, ByteBuffer data, Predicate<WsSession> filter) {
        ByteBuffer readOnly = data.asReadOnlyBuffer();
        return deliver(endpointSessions(endpoint), filter, false, readOnly, s -> s.sendBinary(readOnly.duplicate()));
    }

    private Collection<TransportSession> endpointSessions(String endpoint) {
        Set<TransportSession> set = byEndpoint.get(endpoint);
        return set == null ? List.of() : set;
    }

    /**
     * Queues the message on each matching open session. Sessions that can share frames get a
     * message encoded once per {@link FrameSharing} kind, on first need; the others encode their
     * own. The future completes, once every send has finished, with the number of sessions that
     * were sent the message.
     */
    private static CompletableFuture<Integer> deliver(Collection<TransportSession> recipients, Predicate<WsSession> filter,
            boolean text, ByteBuffer payload, Function<TransportSession, CompletableFuture<Void>> perSession) {
        AtomicInteger delivered = new AtomicInteger();
        Map<FrameSharing, PreparedMessage> prepared = new EnumMap<>(FrameSharing.class);
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (TransportSession session : recipients) {
            if (!session.isOpen() || !filter.test(session)) {
                continue;
            }
            FrameSharing sharing = session.frameSharing();
            CompletableFuture<Void> send;
            if (sharing == FrameSharing.NONE) {
                send = perSession.apply(session);
            } else {
                PreparedMessage message = prepared.computeIfAbsent(sharing, k -> session.prepare(text, payload.duplicate()));
                send = session.sendPrepared(message);
            }
            sends.add(send.handle((ok, error) -> error == null ? delivered.incrementAndGet() : 0));
        }
        return CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0])).thenApply(v -> delivered.get());
    }
}
