package io.wsstack.client;

import io.wsstack.core.session.OutboundFrames;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands a session's encoded frames to its writer thread. The ordering and bounding rules are the
 * session core's ({@link OutboundFrames}, the same as the server's): pings and pongs first, every
 * ping answered in order within bounds, our Close after the messages queued before it and nothing
 * after it. This class only adds what a blocking writer thread needs: waiting for work, and counting
 * the message bytes the writer took until they are written, so the send buffer limit covers them.
 *
 * <p>A {@link ReentrantLock} with a {@link Condition}, not a monitor with {@code wait()}: the writer
 * thread is virtual on Java 21+ and waits here whenever its session is idle, and on Java 21 to 23 a
 * virtual thread in {@code Object.wait()} pins its carrier thread, so a few hundred idle sessions
 * would hold every carrier (the scheduler compensates up to 256) and starve all other virtual threads.
 */
final class WriterQueue {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();

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
        lock.lock();
        try {
            refused = closedWith;
            if (refused == null) {
                boolean queued = control ? frames.addControl(encoded, done) : frames.addData(encoded, done);
                if (queued) {
                    work.signalAll();
                    return;
                }
                refused = new IllegalStateException("our Close frame was sent; nothing may follow it (RFC 6455 §5.5.1)");
            }
        } finally {
            lock.unlock();
        }
        if (done != null) {
            done.completeExceptionally(refused);
        }
    }

    /** Bytes of messages queued or being written. */
    long queuedBytes() {
        lock.lock();
        try {
            return frames.dataBytes() + inFlight;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves up to {@code buffers.length} entries, in write order, into the arrays, waiting while
     * nothing is queued; returns how many, or -1 once the queue is closed.
     */
    int take(ByteBuffer[] buffers, CompletableFuture<?>[] futures) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (frames.isEmpty() && closedWith == null) {
                work.await();
            }
            if (closedWith != null) {
                return -1;
            }
            long before = frames.dataBytes();
            int n = frames.drainTo(buffers, futures, buffers.length);
            inFlight += before - frames.dataBytes();
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** The writer wrote {@code dataBytes} bytes of messages it took. */
    void written(long dataBytes) {
        lock.lock();
        try {
            inFlight = Math.max(0, inFlight - dataBytes);
        } finally {
            lock.unlock();
        }
    }

    /** Refuses everything from now on and fails the futures still queued with {@code cause}. */
    void close(Throwable cause) {
        List<CompletableFuture<Void>> dropped = new ArrayList<>();
        lock.lock();
        try {
            if (closedWith != null) {
                return;
            }
            closedWith = cause;
            frames.discardAll(dropped);
            inFlight = 0;
            work.signalAll();
        } finally {
            lock.unlock();
        }
        for (CompletableFuture<Void> future : dropped) {
            future.completeExceptionally(cause);
        }
    }
}
