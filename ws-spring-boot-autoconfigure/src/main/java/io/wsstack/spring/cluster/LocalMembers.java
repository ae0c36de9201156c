package io.wsstack.spring.cluster;

import io.wsstack.spring.WsSession;
import io.wsstack.spring.transport.LiveSessions;
import io.wsstack.spring.transport.TransportSession;

import java.security.Principal;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's members of every cluster target: the sessions of each endpoint, user, session id
 * and group. It tells a {@link Routing} when a target gains its first local member or loses its
 * last (so that a broker subscription exists exactly while there is someone here to deliver to)
 * and when a target's local count changes (for cluster-wide presence).
 *
 * <p>Changes happen under one lock, so the routing calls for one target are made in the order of
 * the changes; lookups for delivery read without locking.
 *
 * <p>A session id's target is not kept here: its one member is the session the registry holds under
 * that id, looked up there. Every open session would otherwise cost a map entry, a target and a
 * one-element set (about 80 bytes) that duplicate the registry's own entry.
 */
public final class LocalMembers implements LiveSessions.Listener {

    /** Hears membership changes; called under the membership lock, so it must not block. */
    public interface Routing {

        /** The target has its first member on this instance. */
        void firstMember(WsClusterTarget target);

        /** The target's last member on this instance left. */
        void lastMemberLeft(WsClusterTarget target);

        /** The target's number of members on this instance changed (not called for session ids). */
        void countChanged(WsClusterTarget target, int count);
    }

    private static final Routing NO_ROUTING = new Routing() {
        @Override
        public void firstMember(WsClusterTarget target) {
        }

        @Override
        public void lastMemberLeft(WsClusterTarget target) {
        }

        @Override
        public void countChanged(WsClusterTarget target, int count) {
        }
    };

    private final LiveSessions registry;
    private final Object lock = new Object();
    private final Map<WsClusterTarget, Set<TransportSession>> members = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> groupsBySession = new ConcurrentHashMap<>();
    private volatile Routing routing = NO_ROUTING;

    /** Tracks the sessions of this registry from now on. */
    public LocalMembers(LiveSessions registry) {
        this.registry = registry;
        registry.addListener(this);
    }

    /** Sets who hears membership changes, and tells it about every target that already has members. */
    public void route(Routing routing) {
        synchronized (lock) {
            this.routing = routing;
            members.forEach((target, sessions) -> {
                routing.firstMember(target);
                routing.countChanged(target, sessions.size());
            });
            // A session added meanwhile may be announced twice (here and by sessionAdded): harmless,
            // a first member is a subscription, which is idempotent.
            for (TransportSession session : registry.all()) {
                routing.firstMember(WsClusterTarget.session(session.id()));
            }
        }
    }

    @Override
    public void sessionAdded(TransportSession session) {
        synchronized (lock) {
            // The session's own target last: a broker that subscribes in order has subscribed the
            // endpoint's and the user's channels by the time the session's channel is confirmed.
            add(WsClusterTarget.endpoint(session.endpoint()), session);
            String user = userOf(session);
            if (user != null) {
                add(WsClusterTarget.user(user), session);
            }
            routing.firstMember(WsClusterTarget.session(session.id()));
        }
    }

    @Override
    public void sessionRemoved(TransportSession session) {
        synchronized (lock) {
            removeMember(WsClusterTarget.endpoint(session.endpoint()), session);
            if (registry.find(session.id()).isEmpty()) {
                // The registry has let go of the id (not a stranger under the same id being removed).
                routing.lastMemberLeft(WsClusterTarget.session(session.id()));
            }
            String user = userOf(session);
            if (user != null) {
                removeMember(WsClusterTarget.user(user), session);
            }
            Set<String> groups = groupsBySession.remove(session.id());
            if (groups != null) {
                groups.forEach(group -> removeMember(WsClusterTarget.group(group), session));
            }
        }
    }

    /** Adds an open session to a group; {@code false} if it was a member already or is not open here. */
    public boolean join(WsSession session, String group) {
        WsClusterTarget target = WsClusterTarget.group(group);
        synchronized (lock) {
            // Checked under the lock: a session removed before this point never becomes a member,
            // one removed after it leaves its groups in sessionRemoved.
            TransportSession transport = registry.find(session.id()).orElse(null);
            if (transport == null || !transport.isOpen()) {
                return false;
            }
            if (!groupsBySession.computeIfAbsent(session.id(), id -> ConcurrentHashMap.newKeySet()).add(group)) {
                return false;
            }
            add(target, transport);
            return true;
        }
    }

    /** Removes a session from a group; {@code false} if it was not a member. */
    public boolean leave(WsSession session, String group) {
        synchronized (lock) {
            Set<String> groups = groupsBySession.get(session.id());
            if (groups == null || !groups.remove(group)) {
                return false;
            }
            if (groups.isEmpty()) {
                groupsBySession.remove(session.id());
            }
            TransportSession transport = findMember(WsClusterTarget.group(group), session.id());
            if (transport != null) {
                removeMember(WsClusterTarget.group(group), transport);
            }
            return true;
        }
    }

    /** The groups this session belongs to. */
    public Set<String> groups(WsSession session) {
        Set<String> groups = groupsBySession.get(session.id());
        return groups == null ? Set.of() : Set.copyOf(groups);
    }

    /** The target's members on this instance (a live view; may change while iterated). */
    public Collection<TransportSession> members(WsClusterTarget target) {
        if (target.kind() == WsClusterTarget.Kind.SESSION) {
            return registry.find(target.name()).<Collection<TransportSession>>map(List::of).orElse(List.of());
        }
        Set<TransportSession> set = members.get(target);
        return set == null ? List.of() : set;
    }

    /** How many members the target has on this instance. */
    public int count(WsClusterTarget target) {
        return members(target).size();
    }

    /** Every target with local members and its count, session ids left out. */
    public Map<WsClusterTarget, Integer> counts() {
        synchronized (lock) {
            Map<WsClusterTarget, Integer> counts = new HashMap<>();
            members.forEach((target, sessions) -> counts.put(target, sessions.size()));
            return counts;
        }
    }

    /**
     * Hands every target's local count (session ids left out) to {@code action} under the
     * membership lock, so that nothing reported by {@link Routing#countChanged} can overtake it.
     */
    public void withCounts(java.util.function.Consumer<Map<WsClusterTarget, Integer>> action) {
        synchronized (lock) {
            action.accept(counts());
        }
    }

    /** Every target with at least one local member. */
    public Set<WsClusterTarget> targets() {
        synchronized (lock) {
            Set<WsClusterTarget> targets = new HashSet<>(members.keySet());
            for (TransportSession session : registry.all()) {
                targets.add(WsClusterTarget.session(session.id()));
            }
            return Set.copyOf(targets);
        }
    }

    private void add(WsClusterTarget target, TransportSession session) {
        Set<TransportSession> set = members.computeIfAbsent(target, t -> ConcurrentHashMap.newKeySet());
        boolean first = set.isEmpty();
        if (set.add(session)) {
            if (first) {
                routing.firstMember(target);
            }
            routing.countChanged(target, set.size());
        }
    }

    private void removeMember(WsClusterTarget target, TransportSession session) {
        Set<TransportSession> set = members.get(target);
        if (set == null || !set.remove(session)) {
            return;
        }
        routing.countChanged(target, set.size());
        if (set.isEmpty()) {
            members.remove(target);
            routing.lastMemberLeft(target);
        }
    }

    private TransportSession findMember(WsClusterTarget target, String sessionId) {
        for (TransportSession member : members(target)) {
            if (member.id().equals(sessionId)) {
                return member;
            }
        }
        return null;
    }

    private static String userOf(WsSession session) {
        Principal principal = session.principal();
        return principal == null || principal.getName() == null || principal.getName().isEmpty() ? null : principal.getName();
    }
}
