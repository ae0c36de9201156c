package io.wsstack.client;

import io.wsstack.core.session.OutboundFrames;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Hands a session's encoded frames to its writer thread. The ordering and bounding rules are the
 * session core's ({@link OutboundFrames}, the same as the server's): pings and pongs first, every
 * ping answered in order within bounds, our Close after the messages queued before it and nothing
 * after it. This class only adds what a blocking writer thread needs: waiting for work, and counting
 * the message bytes the writer took until they are written, so the send buffer limit covers them.
 */
final class WriterQueue {

    private final OutboundFrames frames = new OutboundFrames();
    /** Message bytes the writer took and has not written yet. */
    private long inFlight;
    private Throwable closedWith;

    /**
     * Queues one engine output; {@code done} (may be {@code null}) completes once it is written.
     * Fails {@code done} when the queue is closed or our Close was already queued.
     */
    void add(ByteBuffer encoded, boolean control, CompletableFuture<Void> done) {
        Throwable refused;
        synchronized (this) {
            refused = closedWith;
            if (refused == null) {
                boolean queued = control ? frames.addControl(encoded, done) : frames.addData(encoded, done);
                if (queued) {
                    notifyAll();
                    return;
                }
                refused = new IllegalStateException("our Close frame was sent; nothing may follow it (RFC 6455 §5.5.1)");
            }
        }
        if (done != null) {
            done.completeExceptionally(refused);
        }
    }

    /** Bytes of messages queued or being written. */
    synchronized long queuedBytes() {
        return frames.dataBytes() + inFlight;
    }

    /**
     * Moves up to {@code buffers.length} entries, in write order, into the arrays, waiting while
     * nothing is queued; returns how many, or -1 once the queue is closed.
     */
    synchronized int take(ByteBuffer[] buffers, CompletableFuture<?>[] futures) throws InterruptedException {
        while (frames.isEmpty() && closedWith == null) {
            wait();
        }
        if (closedWith != null) {
            return -1;
        }
        long before = frames.dataBytes();
        int n = frames.drainTo(buffers, futures, buffers.length);
        inFlight += before - frames.dataBytes();
        return n;
    }

    /** The writer wrote {@code dataBytes} bytes of messages it took. */
    synchronized void written(long dataBytes) {
        inFlight = Math.max(0, inFlight - dataBytes);
    }

    /** Refuses everything from now on and fails the futures still queued with {@code cause}. */
    void close(Throwable cause) {
        List<CompletableFuture<Void>> dropped = new ArrayList<>();
        synchronized (this) {
            if (closedWith != null) {
                return;
            }
            closedWith = cause;
            frames.discardAll(dropped);
            inFlight = 0;
            notifyAll();
        }
        for (CompletableFuture<Void> future : dropped) {
            future.completeExceptionally(cause);
        }
    }
}
