package io.wsstack.spring.transport;

import io.wsstack.core.PreparedMessage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Sends one message to many of this instance's sessions, encoding it once per {@link FrameSharing}
 * kind instead of once per session: an endpoint broadcast ({@code WsSessionRegistry.broadcast})
 * and a cluster delivery to the members of a target both go through here.
 */
public final class MessageFanOut {

    private MessageFanOut() {
    }

    /**
     * Queues the message on each open recipient that matches {@code filter}. Sessions that can share
     * frames get the message encoded on first need, once per {@link FrameSharing} kind; a session
     * with its own compression state ({@link FrameSharing#NONE}) encodes it itself.
     *
     * @param text    whether it is a text message ({@code payload} is then its UTF-8)
     * @param payload the message bytes, position unchanged (read through duplicates)
     * @param decoded the text as a {@code String} if the caller has it, or {@code null} to decode
     *                {@code payload} once, only if some session has to encode for itself
     * @return completes, once every send has finished, with the number of sessions that were sent
     *         the message
     */
    public static CompletableFuture<Integer> deliver(Collection<? extends TransportSession> recipients,
            Predicate<? super TransportSession> filter, boolean text, ByteBuffer payload, String decoded) {
        if (recipients.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        AtomicInteger delivered = new AtomicInteger();
        Map<FrameSharing, PreparedMessage> prepared = new EnumMap<>(FrameSharing.class);
        List<CompletableFuture<?>> sends = new ArrayList<>();
        String ownText = decoded;
        for (TransportSession session : recipients) {
            if (!session.isOpen() || !filter.test(session)) {
                continue;
            }
            FrameSharing sharing = session.frameSharing();
            CompletableFuture<Void> send;
            if (sharing == FrameSharing.NONE) {
                if (text && ownText == null) {
                    ownText = StandardCharsets.UTF_8.decode(payload.duplicate()).toString();
                }
                send = text ? session.sendText(ownText) : session.sendBinary(payload.duplicate());
            } else {
                PreparedMessage message = prepared.computeIfAbsent(sharing, k -> session.prepare(text, payload.duplicate()));
                send = session.sendPrepared(message);
            }
            sends.add(send.handle((ok, error) -> error == null ? delivered.incrementAndGet() : 0));
        }
        return CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0])).thenApply(v -> delivered.get());
    }
}
