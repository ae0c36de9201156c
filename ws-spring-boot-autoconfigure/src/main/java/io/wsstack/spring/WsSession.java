package io.wsstack.spring;

import io.wsstack.core.WsCloseStatus;
import io.wsstack.core.extension.ExtensionOffer;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One open WebSocket connection of an endpoint, as application code sees it.
 *
 * <p>Thread-safe: any thread may send. Sends are asynchronous and queued in order; the returned
 * future completes when the bytes were handed to the socket, or exceptionally when the session
 * closed first or the send was refused by the endpoint's send-buffer policy. Nothing can be sent
 * once a close has started.
 */
public interface WsSession {

    /** A unique id, stable for the life of the session. */
    String id();

    /** The name of the endpoint (the {@code <name>} of {@code ws.endpoints.<name>.path}). */
    String endpoint();

    /** The request path that opened the session. */
    String path();

    /** Values of the path template's variables, e.g. {@code room} for {@code /rooms/{room}}. */
    Map<String, String> pathVariables();

    /** Mutable attributes, seeded by handshake interceptors; safe for concurrent use. */
    Map<String, Object> attributes();

    /** The authenticated principal of the upgrade request, or {@code null}. */
    Principal principal();

    /** The negotiated subprotocol, or {@code null} when none was selected. */
    String subprotocol();

    /** The extensions accepted in the handshake response (empty when none). */
    List<ExtensionOffer> extensions();

    /** The peer's address as the servlet container reports it. */
    InetSocketAddress remoteAddress();

    /** Whether messages can still be sent (no close started, connection not lost). */
    boolean isOpen();

    /** Sends a text message. */
    CompletableFuture<Void> sendText(String text);

    /** Sends a binary message; the buffer's remaining bytes are copied or encoded before this returns. */
    CompletableFuture<Void> sendBinary(ByteBuffer data);

    /** Sends a binary message. */
    default CompletableFuture<Void> sendBinary(byte[] data) {
        return sendBinary(ByteBuffer.wrap(data));
    }

    /**
     * Queues a ping with up to 125 bytes of payload, ahead of any data messages still waiting.
     *
     * <p>The future completes as soon as the ping is queued, not when its pong arrives: pongs go to
     * the endpoint's {@link WsEndpointHandler#onPong}, and the keep-alive timers take any pong as
     * the answer to their latest ping. It completes exceptionally when the session is already
     * closing or closed. The endpoint's own keep-alive ({@code ping-interval}) pings every
     * open session of the endpoint on a fixed period, whether or not it has been quiet; an
     * application does not need to call this for keep-alive.
     */
    CompletableFuture<Void> ping(ByteBuffer payload);

    /** Starts the close handshake with a code valid on the wire (RFC 6455 §7.4) and a reason of up to 123 bytes. */
    CompletableFuture<Void> close(WsCloseStatus status);

    /** Starts the close handshake with 1000 (normal closure). */
    default CompletableFuture<Void> close() {
        return close(WsCloseStatus.NORMAL);
    }
}
