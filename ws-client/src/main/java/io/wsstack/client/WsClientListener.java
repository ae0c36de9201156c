package io.wsstack.client;

import java.nio.ByteBuffer;

/**
 * What a {@link WsClientSession} hears from the server. Every method has an empty default, so a
 * listener implements only what it needs.
 *
 * <p>All calls for one session come from that session's reader thread, one at a time, in the order
 * the frames arrived on the wire: {@link #onOpen} first, {@link #onClose} exactly once and last. The
 * engine's lock is not held during a call, so a listener may send on this session or on any other
 * (a proxy relaying between two sessions cannot deadlock). A listener that blocks delays reading
 * from the socket, which is the backpressure a slow consumer should exert, but it must never wait
 * for this session's own {@code closeFuture()} (only this thread can complete it). A listener that
 * throws has its exception reported to {@link #onError} and the session is closed with 1011.
 */
public interface WsClientListener {

    /** The opening handshake succeeded; sends are possible from now on. */
    default void onOpen(WsClientSession session) {
    }

    /** A complete, UTF-8-validated text message (RFC 6455 §5.6), when streaming delivery is off. */
    default void onText(WsClientSession session, String text) {
    }

    /**
     * A complete binary message (RFC 6455 §5.6), when streaming delivery is off. The buffer is a
     * fresh copy owned by the listener.
     */
    default void onBinary(WsClientSession session, ByteBuffer data) {
    }

    /**
     * A piece of a text message as it arrived, when {@code ConnectionSettings.streaming()} is on.
     * Pieces end on UTF-8 character boundaries; {@code last} marks the end of the message.
     */
    default void onTextFragment(WsClientSession session, String piece, boolean last) {
    }

    /**
     * A piece of a binary message as it arrived, when {@code ConnectionSettings.streaming()} is on.
     * The buffer is a fresh copy owned by the listener.
     */
    default void onBinaryFragment(WsClientSession session, ByteBuffer piece, boolean last) {
    }

    /** A ping (RFC 6455 §5.5.2); with auto-pong on (the default) the pong is already queued. */
    default void onPing(WsClientSession session, ByteBuffer payload) {
    }

    /** A pong (RFC 6455 §5.5.3), answering our ping or unsolicited. */
    default void onPong(WsClientSession session, ByteBuffer payload) {
    }

    /**
     * The session is over and its socket, threads and compression resources are released. Called
     * exactly once, last. {@code code} is the code of the server's Close frame (1005 when it carried
     * none), the code we sent when we failed the connection for a protocol violation (1002, 1007,
     * 1009, ...), or 1006 when the connection ended without a closing handshake: reset, end of stream
     * mid-frame, close timeout, idle peer, or {@link WsClientSession#abort()} (RFC 6455 §7.1.5).
     */
    default void onClose(WsClientSession session, int code, String reason) {
    }

    /**
     * Something went wrong: an I/O error, a protocol violation by the server (a
     * {@code WebSocketProtocolException} carrying the close code we sent), or an exception thrown by
     * this listener. {@link #onClose} follows.
     */
    default void onError(WsClientSession session, Throwable error) {
    }
}
