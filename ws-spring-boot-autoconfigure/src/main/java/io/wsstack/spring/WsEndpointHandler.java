package io.wsstack.spring;

import io.wsstack.core.WsCloseStatus;
import java.nio.ByteBuffer;

/**
 * Receives the events of every session of one endpoint. The transport calls it; the
 * {@code @WsHandler} method layer implements it, and applications may register their own.
 *
 * <p>Calls for one session never overlap and arrive in wire order. If a method throws, the
 * transport closes the session with 1011 (internal error) and then calls {@link #onError}.
 */
public interface WsEndpointHandler {

    /** The handshake completed; the session can send. */
    default void onOpen(WsSession session) throws Exception {
    }

    /** A complete, UTF-8-validated text message. */
    default void onText(WsSession session, String text) throws Exception {
    }

    /** A complete binary message; the buffer is only valid during the call. */
    default void onBinary(WsSession session, ByteBuffer data) throws Exception {
    }

    /** A pong arrived (solicited by our keep-alive pings, or unsolicited). */
    default void onPong(WsSession session, ByteBuffer payload) throws Exception {
    }

    /** The session ended: after a close handshake, a protocol error, a timeout or a lost connection. Called once. */
    default void onClose(WsSession session, WsCloseStatus status) throws Exception {
    }

    /** A handler method failed or the transport met an error; the session is being closed. */
    default void onError(WsSession session, Throwable error) {
    }
}
