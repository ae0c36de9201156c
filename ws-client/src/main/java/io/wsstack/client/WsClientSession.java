package io.wsstack.client;

import io.wsstack.core.WsCloseStatus;
import io.wsstack.core.deflate.NegotiatedDeflate;
import io.wsstack.core.handshake.HttpHeaders;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * One open client WebSocket connection. Thread-safe: any thread may send at any time.
 *
 * <p>Sends are asynchronous. Each message is encoded (masked, and compressed when permessage-deflate
 * was negotiated) on the calling thread, queued, and written by the session's writer thread; the
 * returned future completes when its bytes were handed to the socket. The caller's buffer may be
 * reused as soon as the method returns. Outgoing bytes are bounded by
 * {@link WsClient.Builder#maxSendBuffer(long)}: when bytes are already queued and they plus the new
 * message's payload would exceed it, the send fails with a {@link SendBufferFullException} and
 * nothing of the message is encoded or sent. A message always fits an empty queue, so the memory a
 * session holds is at most the limit plus one message. Control frames (ping, pong, close) are
 * not counted, jump ahead of queued messages (never into the middle of one), and of the pongs the
 * engine sends by itself in answer to pings only the latest unsent one is kept. After our Close frame, sends fail with {@link IllegalStateException}
 * (RFC 6455 §5.5.1: nothing follows a Close).
 */
public interface WsClientSession {

    /** The URI this session was opened to. */
    URI uri();

    /** The subprotocol the server selected (RFC 6455 §1.9), or {@code null} when none. */
    String subprotocol();

    /** The agreed permessage-deflate parameters (RFC 7692), or {@code null} when not negotiated. */
    NegotiatedDeflate deflate();

    /** All headers of the server's 101 response. */
    HttpHeaders responseHeaders();

    /** Whether neither side has started the closing handshake and the connection is still up. */
    boolean isOpen();

    /** Bytes encoded and not yet written to the socket. */
    long queuedBytes();

    /** Sends a text message as one frame (RFC 6455 §5.6). */
    CompletableFuture<Void> sendText(CharSequence text);

    /** Sends the remaining bytes of {@code data} as one binary message; the buffer's position is not changed. */
    CompletableFuture<Void> sendBinary(ByteBuffer data);

    /** Sends {@code data} as one binary message. */
    CompletableFuture<Void> sendBinary(byte[] data);

    /**
     * Sends one fragment of a message (RFC 6455 §5.4): the first call starts a text or binary message,
     * later ones continue it until {@code last}. Text fragments are UTF-8 bytes the caller supplies;
     * a fragment of a text message may end inside a character. No other message may be sent on this
     * session until the fragmented one is finished.
     *
     * @param text    the message type; read on the first fragment only
     * @param payload the fragment's remaining bytes; position unchanged
     * @param last    whether this fragment ends the message
     */
    CompletableFuture<Void> sendFragment(boolean text, ByteBuffer payload, boolean last);

    /** Sends a ping (RFC 6455 §5.5.2) with at most 125 bytes of payload; the server answers with a pong. */
    CompletableFuture<Void> ping(ByteBuffer payload);

    /** Sends an unsolicited pong (RFC 6455 §5.5.3), a one-way heartbeat, with at most 125 bytes of payload. */
    CompletableFuture<Void> pong(ByteBuffer payload);

    /**
     * Starts the closing handshake (RFC 6455 §7.1.2) with a code that may appear on the wire and a
     * reason of at most 123 UTF-8 bytes. The returned future, the same as {@link #closeFuture()},
     * completes with the final status once the server answered and the connection is released; if the
     * server does not answer within the close timeout, the connection is dropped and the status is
     * 1006. Calling again, or after the server closed, just returns the future.
     *
     * @throws IllegalArgumentException for a code that may not be sent or a reason that is too long
     */
    CompletableFuture<WsCloseStatus> close(int code, String reason);

    /** Closes with 1000 (normal closure) and no reason; see {@link #close(int, String)}. */
    CompletableFuture<WsCloseStatus> close();

    /** Drops the TCP connection at once without a closing handshake; the status is 1006. */
    void abort();

    /** Completes once the session is over and released, with the same status given to {@link WsClientListener#onClose}. */
    CompletableFuture<WsCloseStatus> closeFuture();
}
