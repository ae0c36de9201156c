package io.wsstack.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One measured stretch of echo traffic: every connection keeps exactly one text message in flight
 * (send, wait for the echo, send again) until {@link #measureEnd}. Round trips that complete
 * between {@link #measureStart} and {@link #measureEnd} count; those before it are warm-up.
 */
final class Phase {

    final long measureStart;
    final long measureEnd;
    final int messageSize;
    private final ByteBuf payload;
    private final CountDownLatch finished;
    private final AtomicLong wrongEchoes = new AtomicLong();
    private final AtomicLong lostConnections = new AtomicLong();

    /**
     * @param payload the message, shared read-only by all connections (each frame takes a retained duplicate)
     */
    Phase(ByteBuf payload, int connections, long warmupNanos, long measureNanos) {
        this.payload = payload;
        this.messageSize = payload.readableBytes();
        this.finished = new CountDownLatch(connections);
        this.measureStart = System.nanoTime() + warmupNanos;
        this.measureEnd = measureStart + measureNanos;
    }

    /** A new frame carrying the payload; Netty releases it once written. */
    WebSocketFrame frame() {
        if (variants != null) {
            int i = (int) Math.floorMod(nextVariant.getAndIncrement(), (long) variants.size());
            return new TextWebSocketFrame(variants.get(i).retainedDuplicate());
        }
        return new TextWebSocketFrame(payload.retainedDuplicate());
    }

    /** Payloads of one size taken in turn (messages that vary, as real traffic does), or null. */
    private java.util.List<ByteBuf> variants;
    private final AtomicLong nextVariant = new AtomicLong();

    /** A phase whose frames cycle through {@code variants}, which must all have the same size. */
    Phase(java.util.List<ByteBuf> variants, int connections, long warmupNanos, long measureNanos) {
        this(variants.get(0), connections, warmupNanos, measureNanos);
        this.variants = variants;
    }

    void wrongEcho() {
        wrongEchoes.incrementAndGet();
    }

    /** A connection stopped sending: its last echo arrived after the end, or it closed. */
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
