package io.wsstack.core;

/** Where a {@link Connection} stands in the closing handshake of RFC 6455 §5.5.1 and §7. */
public enum ConnectionState {
    /** Data may flow both ways; no Close frame has been sent. */
    OPEN,
    /** We sent a Close frame and are waiting for the peer's; incoming data is still delivered. */
    CLOSING,
    /** Both Close frames were exchanged, or a protocol error ended the connection. */
    CLOSED
}
