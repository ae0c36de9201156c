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

    /** Queues frames encoded once for many sessions; the future completes when they were written. */
    CompletableFuture<Void> sendPrepared(PreparedMessage message);

    /** Bytes of data messages waiting for the socket now. */
    long queuedBytes();

    /** The most data bytes that ever waited at once in this session's queue. */
    long queuedBytesHighWater();
}
