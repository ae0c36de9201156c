package io.wsstack.spring.servlet;

import io.wsstack.core.extension.MessageCompression;
import io.wsstack.core.session.Completions;
import io.wsstack.core.session.FrameBufferPool;
import io.wsstack.core.session.OutboundFrames;
import io.wsstack.core.session.OutboundMessages;
import io.wsstack.spring.WsObserver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Encodes one session's data messages into its queue and moves the queued frames to its
 * {@link FrameTransport} without blocking.
 *
 * <p>Any thread may send; messages are encoded (and compressed) under this writer's lock (its own
 * monitor: nothing inside blocks or runs application code, and an uncontended monitor costs an idle
 * session no object, where a {@code ReentrantLock} costs 48 bytes), which
 * the reader takes only to queue its control frames and to flush, never while it decodes. Small
 * frames are coalesced into pooled buffers ({@link OutboundFrames}), larger payloads follow their
 * header uncopied. Whoever finds the transport ready writes and stops as soon as
 * {@code isWriteReady()} says no; the transport then calls {@link #onWritePossible()} when the
 * socket drains. A drained batch is written in order even across such pauses, so a header is
 * never separated from its payload and the queue's "control frames first" rule never splits a
 * frame. Futures are completed after the lock is released so that application callbacks never run
 * inside it.
 */
final class FrameWriter implements FrameTransport.Writer {

    /** What the writer tells its session. */
    interface Events {
        /** The socket failed while writing. */
        void writeFailed(Throwable error);

        /** Everything queued was handed over after {@link #closeWhenFlushed()}: drop the connection now. */
        void flushedForClose();
    }

    /** The wire bytes of a message {@link #queueMessage} queued, from its result. */
    static long wireBytes(long queued) {
        return queued & 0xFFFF_FFFFL;
    }

    /** The payload bytes (a text's UTF-8 length) of a message {@link #queueMessage} queued, from its result. */
    static long payloadBytes(long queued) {
        return queued >>> 32;
    }

    /** What {@link #queueMessage} returns when the queue takes nothing more (our Close was queued, or the connection is gone). */
    static final long REFUSED_CLOSED = -1;
    /** What {@link #queueMessage} returns when the send buffer is full. */
    static final long REFUSED_FULL = -2;

    /** Message kinds for {@link #queueMessage}: a {@code String}. */
    static final int TEXT = 0;
    /** A {@code ByteBuffer} the caller keeps (copied unless small frames are coalesced anyway). */
    static final int BINARY = 1;
    /** A {@code ByteBuffer} handed over for good (a handler's return value): large ones are not copied. */
    static final int BINARY_HANDED_OVER = 2;
    /** A {@code ByteBuffer} of frames encoded in advance. */
    static final int ENCODED = 3;

    /** Most slots of a drained batch: a gathering transport's write. */
    private static final int MAX_BATCH = 16;
    /**
     * Slots of a session's first batch. Small frames coalesce into one pooled buffer, so a drain
     * rarely yields more than a few; the batch grows to a whole gathering write's worth only for
     * a session whose drain filled it, and an idle session keeps a few slots, not a full batch.
     */
    private static final int FIRST_BATCH = 4;
    private static final ByteBuffer[] NO_BUFFERS = new ByteBuffer[0];
    private static final Object[] NO_COMPLETIONS = new Object[0];

    private final OutboundFrames queue;
    /** The negotiated permessage-deflate state, or {@code null}; for {@link #messages}. */
    private final MessageCompression compression;
    /** Encodes data messages into the queue; made by the first one (an idle session sends none). */
    private OutboundMessages messages;
    private final String endpoint;
    private final WsObserver observer;
    private final Events events;
    private FrameTransport out;
    private int perWrite;
    /**
     * Buffers drained from the queue and not yet written: [batchStart, batchEnd); guarded by
     * the writer's monitor. Allocated by the first drain (a session that never sends holds none), at least
     * two slots (a header and its payload), growing to a gathering write's worth when filled.
     */
    private ByteBuffer[] batch = NO_BUFFERS;
    private Object[] batchCompletions = NO_COMPLETIONS;
    private int batchStart;
    private int batchEnd;
    /** The buffers of one transport write (the transport may keep the array only during the call). */
    private ByteBuffer[] writeArgs = NO_BUFFERS;
    /** The queue size last reported to the observers (they see waiting bytes, not every pass through). */
    private long reportedQueued;
    private boolean closeWhenFlushed;
    private boolean flushedCloseReported;
    private boolean failed;

    /** A writer with the process-wide buffer pool and no compression (tests). */
    FrameWriter(String endpoint, WsObserver observer, Events events) {
        this(endpoint, observer, events, null, FrameBufferPool.SHARED);
    }

    /**
     * @param compression the negotiated permessage-deflate state, or {@code null}
     * @param pool        where small frames are coalesced: {@link FrameBufferPool#SHARED} when the
     *                    transport frees written buffers once ready again, else
     *                    {@link FrameBufferPool#UNPOOLED}
     */
    FrameWriter(String endpoint, WsObserver observer, Events events, MessageCompression compression, FrameBufferPool pool) {
        this.endpoint = endpoint;
        this.observer = observer;
        this.events = events;
        this.queue = new OutboundFrames(pool);
        this.compression = compression;
    }

    /** Attaches the session's transport and starts writing to it. */
    void attach(FrameTransport transport) throws IOException {
        synchronized (this) {
            this.out = transport;
            this.perWrite = Math.max(1, Math.min(MAX_BATCH, transport.maxBuffersPerWrite()));
        }
        transport.startWriting(this);
    }

    /**
     * Encodes and queues one data message unless the send buffer is full: with {@code estimate}
     * more bytes (its payload size; a text's length in chars, which its UTF-8 length is at least)
     * the queue would exceed {@code maxSendBuffer} while not empty (so one message larger than the
     * limit still goes out alone). A refused message is never encoded, so it never advances the
     * compression context.
     *
     * @param kind    {@link #TEXT}, {@link #BINARY}, {@link #BINARY_HANDED_OVER} or {@link #ENCODED}
     * @param payload a {@code String} for text, else a {@code ByteBuffer}
     * @param future  completed once written, or {@code null}
     * @return {@link #REFUSED_CLOSED}, {@link #REFUSED_FULL}, or the payload and wire bytes of the
     *         queued message packed into one value (no allocation): read them with
     *         {@link #payloadBytes} and {@link #wireBytes}
     */
    long queueMessage(int kind, Object payload, long estimate, long maxSendBuffer, CompletableFuture<Void> future) {
        synchronized (this) {
            if (failed || queue.isCloseQueued()) {
                return REFUSED_CLOSED;
            }
            long queued = queue.dataBytes();
            if (queued > 0 && queued + estimate > maxSendBuffer) {
                return REFUSED_FULL;
            }
            if (messages == null) {
                messages = new OutboundMessages(queue, compression, null);
            }
            long wire = switch (kind) {
                case TEXT -> messages.text((String) payload, future);
                case BINARY -> messages.binary((ByteBuffer) payload, false, future);
                case BINARY_HANDED_OVER -> messages.binary((ByteBuffer) payload, true, future);
                case ENCODED -> messages.encoded((ByteBuffer) payload, future);
                default -> throw new IllegalArgumentException("message kind " + kind);
            };
            if (wire < 0) {
                return REFUSED_CLOSED;
            }
            long payloadBytes = kind == ENCODED ? estimate : messages.lastPayloadLength();
            return (payloadBytes << 32) | wire;
        }
    }

    /** Queues data frames; false (future untouched) when nothing may be queued any more. */
    boolean queueData(ByteBuffer frames, CompletableFuture<Void> future) {
        synchronized (this) {
            return !failed && queue.addData(frames, future);
        }
    }

    /** Queues a control frame ahead of data; false when our Close was already queued. */
    boolean queueControl(ByteBuffer frame, CompletableFuture<Void> future) {
        synchronized (this) {
            return !failed && queue.addControl(frame, future);
        }
    }

    /**
     * Runs {@code task} under the writer's lock: what must not interleave with sending, such as
     * compressing with the session's compressor for a broadcast.
     */
    <T> T underLock(java.util.function.Supplier<T> task) {
        synchronized (this) {
            return task.get();
        }
    }

    /** Whether the writer takes nothing more (the connection is gone). */
    boolean isFailed() {
        synchronized (this) {
            return failed;
        }
    }

    /** Bytes of data waiting for the socket. */
    long queuedBytes() {
        synchronized (this) {
            return queue.dataBytes() + unwrittenBatchBytes();
        }
    }

    /** The most data bytes that ever waited at once. */
    long queuedBytesHighWater() {
        synchronized (this) {
            return queue.highWaterBytes();
        }
    }

    /** Drops queued data messages (a slow consumer being closed); their futures fail. */
    void discardData(Throwable reason) {
        List<CompletableFuture<Void>> dropped = new ArrayList<>();
        long delta;
        synchronized (this) {
            queue.discardData(dropped);
            delta = queuedDelta();
        }
        reportQueued(delta);
        fail(dropped, reason);
    }

    /** Drops everything (connection gone); futures fail and nothing more is accepted. */
    void discardAll(Throwable reason) {
        List<CompletableFuture<Void>> dropped = new ArrayList<>();
        List<Object> unwritten = new ArrayList<>();
        long delta;
        synchronized (this) {
            failed = true;
            queue.discardAll(dropped);
            for (int i = batchStart; i < batchEnd; i++) {
                if (batchCompletions[i] != null) {
                    unwritten.add(batchCompletions[i]);
                }
            }
            Arrays.fill(batch, null);
            Arrays.fill(batchCompletions, null);
            batchStart = batchEnd = 0;
            delta = queuedDelta();
        }
        reportQueued(delta);
        fail(dropped, reason);
        for (Object completion : unwritten) {
            Completions.fail(completion, reason == null ? new ClosedChannelException() : reason);
        }
    }

    /** Asks to be told ({@link Events#flushedForClose()}) once the queue has been handed to the container. */
    void closeWhenFlushed() {
        synchronized (this) {
            closeWhenFlushed = true;
        }
        flush();
    }

    @Override
    public void onWritePossible() {
        flush();
    }

    @Override
    public void onWriteFailed(Throwable error) {
        events.writeFailed(error);
    }

    /** Writes while the transport accepts bytes without blocking. */
    void flush() {
        Object done = null;
        List<Object> moreDone = null;
        boolean reportFlushedClose = false;
        Throwable writeError = null;
        long delta = 0;
        synchronized (this) {
            try {
                if (out == null || failed) {
                    return;
                }
                if (batchStart == batchEnd && queue.isEmpty() && !queue.holdsWrittenBuffers()
                        && (!closeWhenFlushed || flushedCloseReported)) {
                    return; // nothing to do: spare the container's readiness check
                }
                boolean wrote = false;
                boolean ready = out.isWriteReady();
                while (ready) {
                    if (batchStart == batchEnd && !drain()) {
                        break;
                    }
                    int count = Math.min(perWrite, batchEnd - batchStart);
                    if (writeArgs.length < count) {
                        writeArgs = new ByteBuffer[Math.min(perWrite, batch.length)];
                    }
                    System.arraycopy(batch, batchStart, writeArgs, 0, count);
                    for (int i = batchStart; i < batchStart + count; i++) {
                        Object completion = batchCompletions[i];
                        if (completion != null) {
                            if (done == null) {
                                done = completion;
                            } else {
                                if (moreDone == null) {
                                    moreDone = new ArrayList<>(4);
                                }
                                moreDone.add(completion);
                            }
                        }
                        batch[i] = null;
                        batchCompletions[i] = null;
                    }
                    batchStart += count;
                    wrote = true;
                    try {
                        out.write(writeArgs, count);
                    } finally {
                        Arrays.fill(writeArgs, 0, count, null);
                    }
                    ready = out.isWriteReady();
                }
                // A transport may hold written bytes in its own buffer until flushed (Tomcat's does);
                // a non-blocking flush is allowed while it is ready.
                if (wrote && ready) {
                    out.flush();
                    ready = out.isWriteReady();
                }
                if (ready) {
                    // The transport copied or finished writing what it was given: pooled buffers go back.
                    queue.releaseWritten();
                    if (closeWhenFlushed && !flushedCloseReported && queue.isEmpty() && batchStart == batchEnd) {
                        flushedCloseReported = true;
                        reportFlushedClose = true;
                    }
                }
            } catch (IOException | RuntimeException e) {
                writeError = e;
            } finally {
                if (out != null) {
                    delta = queuedDelta();
                }
            }
        }
        reportQueued(delta);
        Completions.complete(done);
        if (moreDone != null) {
            for (int i = 0; i < moreDone.size(); i++) {
                Completions.complete(moreDone.get(i));
            }
        }
        if (writeError != null) {
            events.writeFailed(writeError);
        } else if (reportFlushedClose) {
            events.flushedForClose();
        }
    }

    /** Takes the next entries off the queue into the batch; false when nothing was queued. */
    private boolean drain() {
        batchStart = 0;
        batchEnd = 0;
        if (queue.isEmpty()) {
            return false;
        }
        int full = Math.max(2, perWrite);
        if (batch.length == 0) {
            batch = new ByteBuffer[Math.min(full, Math.max(2, FIRST_BATCH))];
            batchCompletions = new Object[batch.length];
        }
        batchEnd = queue.drainTo(batch, batchCompletions, batch.length);
        if (batchEnd == batch.length && batch.length < full && !queue.isEmpty()) {
            // This session queues more than a few entries at once: give it a whole gathering write's worth.
            batch = Arrays.copyOf(batch, full);
            batchCompletions = Arrays.copyOf(batchCompletions, full);
        }
        return batchEnd > 0;
    }

    private long unwrittenBatchBytes() {
        long bytes = 0;
        for (int i = batchStart; i < batchEnd; i++) {
            bytes += batch[i].remaining();
        }
        return bytes;
    }

    /**
     * The change in bytes waiting for this session's socket since the observers were last told;
     * called under the lock. Bytes queued and written within one flush never show up: the gauge is
     * about slow peers, and a per-message update would cost every message two contended atomic
     * writes.
     */
    private long queuedDelta() {
        long now = queue.dataBytes() + unwrittenBatchBytes();
        long delta = now - reportedQueued;
        reportedQueued = now;
        return delta;
    }

    private void reportQueued(long delta) {
        if (delta != 0) {
            observer.outboundQueueChanged(endpoint, delta);
        }
    }

    private static void fail(List<CompletableFuture<Void>> dropped, Throwable reason) {
        for (CompletableFuture<Void> future : dropped) {
            future.completeExceptionally(reason == null ? new ClosedChannelException() : reason);
        }
    }
}
