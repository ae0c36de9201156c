package io.wsstack.spring.transport;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The open sessions of this instance as the transports keep them: a transport adds a session when
 * it opens and removes it when it ends; the cluster listens to both. Applications read the same
 * sessions through {@link io.wsstack.spring.WsSessionRegistry}, which has no way to add or remove
 * one. Thread-safe.
 */
public final class LiveSessions {

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

    /** Adds an opened session. */
    public void add(TransportSession session) {
        byId.put(session.id(), session);
        byEndpoint.computeIfAbsent(session.endpoint(), e -> ConcurrentHashMap.newKeySet()).add(session);
        listeners.forEach(listener -> listener.sessionAdded(session));
    }

    /** Removes an ended session; removing twice does nothing. */
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
    public Optional<TransportSession> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** A live (weakly consistent) view of an endpoint's open sessions. */
    public Collection<TransportSession> ofEndpoint(String endpoint) {
        Set<TransportSession> set = byEndpoint.get(endpoint);
        return set == null ? List.of() : set;
    }

    /** A live (weakly consistent) view of every open session. */
    public Collection<TransportSession> all() {
        return Collections.unmodifiableCollection(byId.values());
    }

    /** How many sessions are open, over all endpoints. */
    public int size() {
        return byId.size();
    }
}
