package io.wsstack.spring.cluster;

import io.wsstack.core.PreparedMessage;
import io.wsstack.spring.transport.FrameSharing;
import io.wsstack.spring.transport.TransportSession;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers one message to a set of this instance's sessions, encoding it once per kind of frame
 * sharing (as {@code WsSessionRegistry.broadcast} does for an endpoint), so that a message
 * arriving from another instance costs one encoding here however many members the target has.
 */
public final class LocalFanOut {

    private LocalFanOut() {
    }

    /** Queues the message on every open session; completes with how many were sent it. */
    public static CompletableFuture<Integer> deliver(Collection<TransportSession> recipients, boolean text, ByteBuffer payload) {
        if (recipients.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        AtomicInteger delivered = new AtomicInteger();
        Map<FrameSharing, PreparedMessage> prepared = new EnumMap<>(FrameSharing.class);
        List<CompletableFuture<?>> sends = new ArrayList<>(recipients.size());
        String decoded = null;
        for (TransportSession session : recipients) {
            if (!session.isOpen()) {
                continue;
            }
            CompletableFuture<Void> send;
            if (session.frameSharing() == FrameSharing.NONE) {
                // Per-session compression state: the session encodes for itself (text decoded once).
                if (text && decoded == null) {
                    decoded = StandardCharsets.UTF_8.decode(payload.duplicate()).toString();
                }
                send = text ? session.sendText(decoded) : session.sendBinary(payload.duplicate());
            } else {
                PreparedMessage message = prepared.computeIfAbsent(session.frameSharing(),
                        k -> session.prepare(text, payload.duplicate()));
                send = session.sendPrepared(message);
            }
            sends.add(send.handle((ok, error) -> error == null ? delivered.incrementAndGet() : 0));
        }
        return CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0])).thenApply(v -> delivered.get());
    }
}
