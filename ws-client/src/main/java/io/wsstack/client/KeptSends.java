package io.wsstack.client;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Messages a {@link ReconnectingSession} keeps while disconnected, bounded by their payload bytes, in
 * the order they were sent. Not thread-safe: the loop guards it with its own lock.
 */
final class KeptSends {

    /** One kept message: text, or binary bytes copied at send time. */
    private record Kept(String text, ByteBuffer binary, long size, CompletableFuture<Void> done) {
    }

    private final long maxBytes;
    private final ArrayDeque<Kept> kept = new ArrayDeque<>();
    private long bytes;

    KeptSends(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    boolean isEmpty() {
        return kept.isEmpty();
    }

    /** Keeps a message, or fails its future at once when the bound is zero or would be exceeded. */
    CompletableFuture<Void> keep(String text, ByteBuffer binary, long size) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (maxBytes == 0) {
            done.completeExceptionally(new IllegalStateException(
                    "not connected (reconnecting); this session refuses sends while disconnected"));
        } else if (bytes + size > maxBytes) {
            done.completeExceptionally(new SendBufferFullException(size, bytes, maxBytes));
        } else {
            ByteBuffer copy = null;
            if (binary != null) {
                copy = ByteBuffer.allocate(binary.remaining());
                copy.put(binary.duplicate()).flip();
            }
            kept.add(new Kept(text, copy, size, done));
            bytes += size;
        }
        return done;
    }

    /** Sends every kept message on {@code session}, oldest first, and forgets them. */
    void sendAll(WsClientSession session) {
        Kept next;
        while ((next = kept.poll()) != null) {
            CompletableFuture<Void> sent = next.text() != null ? session.sendText(next.text()) : session.sendBinary(next.binary());
            CompletableFuture<Void> done = next.done();
            sent.whenComplete((ok, failure) -> {
                if (failure != null) {
                    done.completeExceptionally(failure);
                } else {
                    done.complete(null);
                }
            });
        }
        bytes = 0;
    }

    /** Fails every kept message with {@code cause} and forgets them. */
    void failAll(Throwable cause) {
        Kept next;
        while ((next = kept.poll()) != null) {
            next.done().completeExceptionally(cause);
        }
        bytes = 0;
    }
}
