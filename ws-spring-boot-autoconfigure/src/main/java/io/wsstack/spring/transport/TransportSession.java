package io.wsstack.spring.transport;

import io.wsstack.core.PreparedMessage;
import io.wsstack.spring.WsSession;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A session as a transport registers it: a {@link WsSession} that can also write frames
 * encoded once for many sessions, and that reports its outbound queue.
 */
public interface TransportSession extends WsSession {

    /** Which other sessions can share this session's encoded frames. */
    FrameSharing frameSharing();

    /**
     * Encodes a message as this session would (compressed if its extension and threshold say
     * so), for every session with the same {@link #frameSharing()}. Only for shareable sessions.
     */
    PreparedMessage prepare(boolean text, ByteBuffer payload);

    /**
     * Sends a text message nobody waits for (a handler's return value): no future is made,
     * and a message the session refuses (closed, send buffer full) is only counted.
     */
    default void sendTextAndForget(String text) {
        sendText(text);
    }

    /**
     * Sends a binary message nobody waits for (a handler's return value).
     *
     * @param handedOver whether the caller gives the buffer up for good: the session may then
     *                   write it later without copying it, so nobody may change its bytes
     *                   afterwards; otherwise they are copied or encoded before this returns
     */
    default void sendBinaryAndForget(ByteBuffer data, boolean handedOver) {
        sendBinary(data);
    }

    /** Queues frames encoded once for many sessions; the future completes when they were written. */
    CompletableFuture<Void> sendPrepared(PreparedMessage message);

    /** Bytes of data messages waiting for the socket now. */
    long queuedBytes();

    /** The most data bytes that ever waited at once in this session's queue. */
    long queuedBytesHighWater();
}
