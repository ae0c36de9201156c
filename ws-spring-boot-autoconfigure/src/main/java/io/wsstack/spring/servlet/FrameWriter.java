package io.wsstack.spring.servlet;

import io.wsstack.core.session.OutboundFrames;
import io.wsstack.spring.WsObserver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Moves one session's queued frames to its {@link FrameTransport} without blocking.
 *
 * <p>Any thread may queue; whoever finds the transport ready writes, under this writer's lock, and
 * stops as soon as {@code isWriteReady()} says no; the transport then calls {@link #onWritePossible()}
 * when the socket drains. A buffer handed to the container is always whole frames, so the queue's
 * "control frames first" rule can never split a frame. Futures are completed after the lock is
 * released so that application callbacks never run inside it.
 */
final class FrameWriter implements FrameTransport.Writer {

    /** What the writer tells its session. */
    interface Events {
        /** The socket failed while writing. */
        void writeFailed(Throwable error);

        /** Everything queued was handed over after {@link #closeWhenFlushed()}: drop the connection now. */
        void flushedForClose();
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final OutboundFrames queue = new OutboundFrames();
    private final String endpoint;
    private final WsObserver observer;
    private final Events events;
    private FrameTransport out;
    /** The buffers of one write, as many as the transport gathers; reused, guarded by {@link #lock}. */
    private ByteBuffer[] batch;
    /** The futures of the buffers in {@link #batch} (nulls for frames that end no send). */
    private CompletableFuture<?>[] batchFutures;
    private boolean closeWhenFlushed;
    private boolean flushedCloseReported;
    private boolean failed;

    FrameWriter(String endpoint, WsObserver observer, Events events) {
        this.endpoint = endpoint;
        this.observer = observer;
        this.events = events;
    }

    /** Attaches the session's transport and starts writing to it. */
    void attach(FrameTransport transport) throws IOException {
        lock.lock();
        try {
            this.out = transport;
            this.batch = new ByteBuffer[Math.max(1, transport.maxBuffersPerWrite())];
            this.batchFutures = new CompletableFuture<?>[batch.length];
        } finally {
            lock.unlock();
        }
        transport.startWriting(this);
    }

    /** Queues data frames; false (future untouched) when nothing may be queued any more. */
    boolean queueData(ByteBuffer frames, CompletableFuture<Void> future) {
        lock.lock();
        try {
            if (failed || !queue.addData(frames, future)) {
                return false;
            }
        } finally {
            lock.unlock();
        }
        observer.outboundQueueChanged(endpoint, frames.remaining());
        return true;
    }

    /** Queues a control frame ahead of data; false when our Close was already queued. */
    boolean queueControl(ByteBuffer frame, CompletableFuture<Void> future) {
        lock.lock();
        try {
            return !failed && queue.addControl(frame, future);
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of data waiting for the socket. */
    long queuedBytes() {
        lock.lock();
        try {
            return queue.dataBytes();
        } finally {
            lock.unlock();
        }
    }

    /** The most data bytes that ever waited at once. */
    long queuedBytesHighWater() {
        lock.lock();
        try {
            return queue.highWaterBytes();
        } finally {
            lock.unlock();
        }
    }

    /** Drops queued data messages (a slow consumer being closed); their futures fail. */
    void discardData(Throwable reason) {
        List<CompletableFuture<Void>> dropped = new ArrayList<>();
        long bytes;
        lock.lock();
        try {
            bytes = queue.dataBytes();
            queue.discardData(dropped);
        } finally {
            lock.unlock();
        }
        reportDiscarded(bytes);
        fail(dropped, reason);
    }

    /** Drops everything (connection gone); futures fail and nothing more is accepted. */
    void discardAll(Throwable reason) {
        List<CompletableFuture<Void>> dropped = new ArrayList<>();
        long bytes;
        lock.lock();
        try {
            failed = true;
            bytes = queue.dataBytes();
            queue.discardAll(dropped);
        } finally {
            lock.unlock();
        }
        reportDiscarded(bytes);
        fail(dropped, reason);
    }

    /** Asks to be told ({@link Events#flushedForClose()}) once the queue has been handed to the container. */
    void closeWhenFlushed() {
        lock.lock();
        try {
            closeWhenFlushed = true;
        } finally {
            lock.unlock();
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
        List<CompletableFuture<?>> done = null;
        long written = 0;
        boolean reportFlushedClose = false;
        Throwable writeError = null;
        lock.lock();
        try {
            if (out == null || failed) {
                return;
            }
            boolean wrote = false;
            while (!queue.isEmpty() && out.isWriteReady()) {
                wrote = true;
                long before = queue.dataBytes();
                // A gathering transport takes a backlog in one write (one system call), control frames first.
                int count = queue.drainTo(batch, batchFutures, batch.length);
                for (int i = 0; i < count; i++) {
                    if (batchFutures[i] != null) {
                        if (done == null) {
                            done = new ArrayList<>(4);
                        }
                        done.add(batchFutures[i]);
                    }
                }
                written += before - queue.dataBytes();
                try {
                    out.write(batch, count);
                } finally {
                    Arrays.fill(batch, 0, count, null);
                    Arrays.fill(batchFutures, 0, count, null);
                }
            }
            // A transport may hold written bytes in its own buffer until flushed (Tomcat's does);
            // a non-blocking flush is allowed while it is ready.
            if (wrote && out.isWriteReady()) {
                out.flush();
            }
            if (queue.isEmpty() && closeWhenFlushed && !flushedCloseReported && out.isWriteReady()) {
                flushedCloseReported = true;
                reportFlushedClose = true;
            }
        } catch (IOException | RuntimeException e) {
            writeError = e;
        } finally {
            lock.unlock();
        }
        if (written > 0) {
            observer.outboundQueueChanged(endpoint, -written);
        }
        if (done != null) {
            for (int i = 0; i < done.size(); i++) {
                ((CompletableFuture<?>) done.get(i)).complete(null);
            }
        }
        if (writeError != null) {
            events.writeFailed(writeError);
        } else if (reportFlushedClose) {
            events.flushedForClose();
        }
    }

    /** Keeps the observers' queue gauge balanced when queued data is thrown away. */
    private void reportDiscarded(long bytes) {
        if (bytes > 0) {
            observer.outboundQueueChanged(endpoint, -bytes);
        }
    }

    private static void fail(List<CompletableFuture<Void>> dropped, Throwable reason) {
        for (CompletableFuture<Void> future : dropped) {
            future.completeExceptionally(reason == null ? new ClosedChannelException() : reason);
        }
    }
}
