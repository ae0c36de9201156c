package io.wsstack.proxy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Keeps the messages relayed towards one side of a session within that side's send buffer. Before
 * the next message is handed over, the thread delivering messages from the other side waits here
 * while what is still queued plus the new message would exceed half of the buffer. While it waits it
 * reads nothing more from its own side, so TCP slows that peer down instead of the proxy buffering
 * for it: memory per session stays within the two send buffers, whatever either peer does.
 *
 * <p>Half, because the transports count encoded frame bytes and this class payload sizes; the margin
 * keeps a relayed message from tripping the send buffer's own overflow rule while the receiving peer
 * reads at all. Only a peer that takes nothing for the whole send timeout meets that rule.
 *
 * <p>The wait uses a lock and condition rather than a monitor: relaying threads may be virtual
 * threads, and on Java 21 to 23 a virtual thread waiting inside {@code synchronized} pins its carrier,
 * so a few hundred backpressured sessions could starve every other virtual thread.
 */
final class FlowControl {

    private final long watermark;
    private final long timeoutNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private long inFlight;

    /**
     * @param sendBuffer  the receiving side's send buffer, in bytes
     * @param sendTimeout how long a message may wait for room
     */
    FlowControl(long sendBuffer, Duration sendTimeout) {
        this.watermark = Math.max(1, sendBuffer / 2);
        this.timeoutNanos = sendTimeout.toNanos();
    }

    /**
     * Waits until {@code size} more bytes fit or the send timeout passes, then sends and counts the
     * bytes until the send's future completes, however it completes.
     *
     * @return the send's future
     */
    CompletableFuture<Void> send(long size, Supplier<CompletableFuture<Void>> send) throws InterruptedException {
        awaitRoom(size);
        lock.lock();
        try {
            inFlight += size;
        } finally {
            lock.unlock();
        }
        CompletableFuture<Void> sent;
        try {
            sent = send.get();
        } catch (RuntimeException e) {
            release(size);
            throw e;
        }
        sent.whenComplete((ok, error) -> release(size));
        return sent;
    }

    private void awaitRoom(long size) throws InterruptedException {
        long left = timeoutNanos;
        lock.lock();
        try {
            while (inFlight > 0 && inFlight + size > watermark) {
                if (left <= 0) {
                    return;
                }
                left = room.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private void release(long size) {
        lock.lock();
        try {
            inFlight -= size;
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
