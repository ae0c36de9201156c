package io.wsstack.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One stretch of echo traffic: every connection keeps {@link #inFlight} text messages in flight
 * (it sends that many, then one more for each echo) until {@link #measureEnd}, and then waits for
 * the echoes still on their way. Round trips that complete between {@link #measureStart} and
 * {@link #measureEnd} count; those before it are warm-up.
 */
final class Phase {

    final long measureStart;
    final long measureEnd;
    final int inFlight;
    private final PayloadSet payloads;
    private final CountDownLatch finished;
    private final AtomicLong wrongEchoes = new AtomicLong();
    private final AtomicLong lostConnections = new AtomicLong();

    /** Whether {@code other} sends the same messages (then a connection continues its walk through them). */
    boolean sameMessages(Phase other) {
        return other != null && other.payloads == payloads;
    }

    Phase(PayloadSet payloads, int inFlight, int connections, long warmupNanos, long measureNanos) {
        this.payloads = payloads;
        this.inFlight = inFlight;
        this.finished = new CountDownLatch(connections);
        this.measureStart = System.nanoTime() + warmupNanos;
        this.measureEnd = measureStart + measureNanos;
    }

    /**
     * A phase of one message in flight per connection whose messages are {@code variants} (messages
     * that vary, as real traffic does; all of one size), used by {@link DeflatePresetHarness}.
     */
    Phase(List<ByteBuf> variants, int connections, long warmupNanos, long measureNanos) {
        this(PayloadSet.of(variants), 1, connections, warmupNanos, measureNanos);
    }

    /** The message a connection sends as its {@code index}-th. */
    ByteBuf payload(int index) {
        return payloads.get(index);
    }

    /** A new frame carrying message {@code index}; Netty releases the duplicate once written. */
    WebSocketFrame frame(int index) {
        return new TextWebSocketFrame(payloads.get(index).retainedDuplicate());
    }

    /** An echo that differs from the message it answers (size, content or order). */
    void wrongEcho() {
        wrongEchoes.incrementAndGet();
    }

    /** A connection stopped: all its echoes arrived after the end, or it closed ({@code lost}). */
    void connectionFinished(boolean lost) {
        if (lost) {
            lostConnections.incrementAndGet();
        }
        finished.countDown();
    }

    /** Waits until every connection has finished, at most {@code graceMillis} past the end. */
    boolean awaitFinished(long graceMillis) throws InterruptedException {
        long left = measureEnd - System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        return finished.await(Math.max(0, left), TimeUnit.NANOSECONDS);
    }

    long wrongEchoes() {
        return wrongEchoes.get();
    }

    long lostConnections() {
        return lostConnections.get();
    }

    long unfinishedConnections() {
        return finished.getCount();
    }
}
