package io.wsstack.client;

import io.wsstack.core.WsCloseStatus;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A handle to a WebSocket conversation that outlives its connections: when one ends in a way the
 * {@link ReconnectPolicy} retries, the client waits (exponential backoff, full jitter) and connects again
 * with the same URI, subprotocols and headers. Opened by
 * {@link WsClient#connect(URI, WsClientRequest, ReconnectPolicy)}. Thread-safe.
 *
 * <p>Sends go to the current connection; while there is none they are refused or kept, as the policy
 * says. {@link #close(int, String)} ends the conversation: no reconnect follows it.
 */
public interface ReconnectingSession {

    /** Where the session connects. */
    URI uri();

    /** The open connection, or {@code null} while connecting or waiting to reconnect. */
    WsClientSession current();

    /** Whether a connection is open right now. */
    default boolean isConnected() {
        WsClientSession session = current();
        return session != null && session.isOpen();
    }

    /** How many times a connection opened, the first one included. */
    int connectCount();

    /** Completes with the first open connection, or fails with the last failure when the policy gave up before. */
    CompletableFuture<WsClientSession> firstOpen();

    /** Sends text on the current connection, or refuses or keeps it while disconnected (see {@link ReconnectPolicy}). */
    CompletableFuture<Void> sendText(CharSequence text);

    /** Sends the remaining bytes of {@code data} as one binary message, like {@link #sendText}; the bytes are copied when kept. */
    CompletableFuture<Void> sendBinary(ByteBuffer data);

    /** Sends {@code data} as one binary message. */
    default CompletableFuture<Void> sendBinary(byte[] data) {
        return sendBinary(ByteBuffer.wrap(data));
    }

    /**
     * Stops reconnecting and closes the current connection, if any, with this code and reason (see
     * {@link WsClientSession#close(int, String)}). Returns {@link #closeFuture()}.
     */
    CompletableFuture<WsCloseStatus> close(int code, String reason);

    /** Closes with 1000; see {@link #close(int, String)}. */
    default CompletableFuture<WsCloseStatus> close() {
        return close(1000, "");
    }

    /** Completes when the conversation is over for good: closed by the application or given up by the policy. */
    CompletableFuture<WsCloseStatus> closeFuture();
}
