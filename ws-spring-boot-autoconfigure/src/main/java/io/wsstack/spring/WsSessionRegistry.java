package io.wsstack.spring;

import io.wsstack.core.PreparedMessage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The open sessions of every endpoint: look one up by id, list an endpoint's sessions, and
 * broadcast a message to them.
 *
 * <p>A broadcast encodes the message once ({@link PreparedMessage}) for every recipient that can
 * take the same frame bytes — a session without compression, since server frames are never masked —
 * and falls back to a per-session send for the others (a compressing session's deflater state
 * differs from its neighbours'). Thread-safe; transports add and remove sessions as they open and
 * end.
 */
public final class WsSessionRegistry {

    /**
     * A session as a transport registers it: a {@link WsSession} that can also write frames
     * encoded once for many sessions, and that reports its outbound queue.
     */
    public interface TransportSession extends WsSession {

        /** Whether {@link #sendPrepared} can be used: the session sends without per-session encoding state. */
        boolean acceptsPreparedFrames();

        /** Queues frames encoded once for many sessions; the future completes when they were written. */
        CompletableFuture<Void> sendPrepared(PreparedMessage message);

        /** Bytes of data messages waiting for the socket now. */
        long queuedBytes();

        /** The most data bytes that ever waited at once in this session's queue. */
        long queuedBytesHighWater();
    }

    private final Map<String, TransportSession> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<TransportSession>> byEndpoint = new ConcurrentHashMap<>();

    /** Adds an opened session. Called by the transport. */
    public void add(TransportSession session) {
        byId.put(session.id(), session);
        byEndpoint.computeIfAbsent(session.endpoint(), e -> ConcurrentHashMap.newKeySet()).add(session);
    }

    /** Removes an ended session. Called by the transport; removing twice does nothing. */
    public void remove(TransportSession session) {
        byId.remove(session.id(), session);
        Set<TransportSession> set = byEndpoint.get(session.endpoint());
        if (set != null) {
            set.remove(session);
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

    /** Sends a text message to every open session of an endpoint. */
    public CompletableFuture<Integer> broadcast(String endpoint, String text) {
        return broadcast(endpoint, text, s -> true);
    }

    /** Sends a text message to the open sessions of an endpoint that match {@code filter}. */
    public CompletableFuture<Integer> broadcast(String endpoint, String text, Predicate<WsSession> filter) {
        return deliver(endpointSessions(endpoint), filter, PreparedMessage.text(text), s -> s.sendText(text));
    }

    /** Sends a binary message (the buffer's remaining bytes, position unchanged) to every open session of an endpoint. */
    public CompletableFuture<Integer> broadcast(String endpoint, ByteBuffer data) {
        return broadcast(endpoint, data, s -> true);
    }

    /** Sends a binary message to the open sessions of an endpoint that match {@code filter}. */
    public CompletableFuture<Integer> broadcast(String endpoint, ByteBuffer data, Predicate<WsSession> filter) {
        ByteBuffer readOnly = data.asReadOnlyBuffer();
        return deliver(endpointSessions(endpoint), filter, PreparedMessage.binary(readOnly),
                s -> s.sendBinary(readOnly.duplicate()));
    }

    private Collection<TransportSession> endpointSessions(String endpoint) {
        Set<TransportSession> set = byEndpoint.get(endpoint);
        return set == null ? List.of() : set;
    }

    /**
     * Queues the message on each matching open session; the future completes, once every send has
     * finished, with the number of sessions that were sent the message.
     */
    private static CompletableFuture<Integer> deliver(Collection<TransportSession> recipients, Predicate<WsSession> filter,
            PreparedMessage prepared, Function<TransportSession, CompletableFuture<Void>> perSession) {
        AtomicInteger delivered = new AtomicInteger();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (TransportSession session : recipients) {
            if (!session.isOpen() || !filter.test(session)) {
                continue;
            }
            CompletableFuture<Void> send = session.acceptsPreparedFrames()
                    ? session.sendPrepared(prepared)
                    : perSession.apply(session);
            sends.add(send.handle((ok, error) -> error == null ? delivered.incrementAndGet() : 0));
        }
        return CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0])).thenApply(v -> delivered.get());
    }
}
