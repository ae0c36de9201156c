package io.wsstack.core;

/**
 * Which end of a WebSocket connection an engine object speaks for.
 *
 * <p>The role decides the masking rule of RFC 6455 §5.1: a client masks every frame it sends and
 * requires unmasked frames from the server; a server does the opposite.
 */
public enum Role {
    /** The end that opened the connection; masks what it sends. */
    CLIENT,
    /** The end that accepted the connection; never masks what it sends. */
    SERVER;

    /** Whether frames sent by this role carry a masking key. */
    public boolean masksOutgoing() {
        return this == CLIENT;
    }

    /** Whether frames received by this role must carry a masking key. */
    public boolean expectsMaskedIncoming() {
        return this == SERVER;
    }
}
