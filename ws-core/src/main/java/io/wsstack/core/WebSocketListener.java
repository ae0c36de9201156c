package io.wsstack.core;

import java.nio.ByteBuffer;

/**
 * Receives what a {@code Connection} decodes from the peer's bytes. Every method has an empty
 * default so a listener implements only what it needs.
 *
 * <p>Calls happen on the thread that feeds bytes to the connection, one at a time, in wire order.
 * Buffers passed in are only valid during the call: copy what must outlive it.
 */
public interface WebSocketListener {

    /** A complete, UTF-8-validated text message (only when streaming delivery is off). */
    default void onText(Connection connection, String text) {
    }

    /** A complete binary message (only when streaming delivery is off). */
    default void onBinary(Connection connection, ByteBuffer data) {
    }

    /**
     * A piece of a text message as it arrives (only when streaming delivery is on). Pieces end on
     * UTF-8 character boundaries; {@code last} is true for the final piece of the message.
     */
    default void onTextFragment(Connection connection, String piece, boolean last) {
    }

    /** A piece of a binary message as it arrives (only when streaming delivery is on). */
    default void onBinaryFragment(Connection connection, ByteBuffer piece, boolean last) {
    }

    /** A ping; when auto-pong is on (the default) the pong has already been handed to the sink. */
    default void onPing(Connection connection, ByteBuffer payload) {
    }

    /** A pong, solicited or not (RFC 6455 §5.5.3 allows unsolicited pongs). */
    default void onPong(Connection connection, ByteBuffer payload) {
    }

    /**
     * The peer's Close frame was received ({@code code} is 1005 when it carried none). If we had
     * not sent a Close yet, the echo has already been handed to the sink (RFC 6455 §5.5.1).
     */
    default void onClose(Connection connection, int code, String reason) {
    }

    /**
     * The peer broke a rule; the connection has already sent a Close frame with
     * {@code error.closeCode()} and will not deliver anything more. The transport should flush and
     * then drop the TCP connection.
     */
    default void onProtocolError(Connection connection, WebSocketProtocolException error) {
    }
}
