package io.wsstack.spring.cluster;

import java.util.Objects;

/**
 * Who a cluster-wide message is for: every session of an endpoint, the members of a group, the
 * sessions of a user, or one session — on whichever instance they are connected.
 *
 * @param kind what {@code name} names
 * @param name the endpoint name, group name, user name (the handshake {@code Principal}'s name) or session id
 */
public record WsClusterTarget(Kind kind, String name) {

    /** What a target's name names. */
    public enum Kind {
        ENDPOINT("e"), GROUP("g"), USER("u"), SESSION("s");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /** A one-letter code, used in channel names and presence fields. */
        public String code() {
            return code;
        }
    }

    public WsClusterTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a cluster target needs a non-empty name");
        }
    }

    /** Every session of the endpoint {@code ws.endpoints.<name>}. */
    public static WsClusterTarget endpoint(String name) {
        return new WsClusterTarget(Kind.ENDPOINT, name);
    }

    /** The sessions that joined this group. */
    public static WsClusterTarget group(String name) {
        return new WsClusterTarget(Kind.GROUP, name);
    }

    /** The sessions whose handshake principal has this name. */
    public static WsClusterTarget user(String name) {
        return new WsClusterTarget(Kind.USER, name);
    }

    /** The session with this id. */
    public static WsClusterTarget session(String id) {
        return new WsClusterTarget(Kind.SESSION, id);
    }
}
