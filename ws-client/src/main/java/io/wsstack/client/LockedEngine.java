package io.wsstack.client;

import io.wsstack.core.ClientUpgrade;
import io.wsstack.core.CloseCodes;
import io.wsstack.core.Connection;
import io.wsstack.core.ConnectionState;
import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.core.session.InboundEvent;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The engine {@link Connection} of one session behind a lock, since the engine is not thread-safe
 * and the reader thread, application threads and the timer thread all use it. The lock is held only
 * while the engine encodes or decodes: frames it produces go to the {@link WriterQueue}, and decoding
 * stops at each event (the session core's {@link InboundEvent} pump), which the reader delivers
 * after the lock is released, before the engine reads on. So the reply to a message is queued
 * before the Close that a later bad frame causes, exactly as on the server.
 */
final class LockedEngine {

    /** How the connection ended. {@code expected} is false when it was simply lost. */
    record Ending(WsCloseStatus status, boolean expected) {
    }

    private record Pending(ByteBuffer frames, boolean control) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final WriterQueue queue;
    private final long maxSendBuffer;
    private final Runnable onClosing;
    private final InboundEvent event = new InboundEvent(true);
    private WebSocketProtocolException violation;
    private final List<Pending> pending = new ArrayList<>(4);
    private Connection connection;
    private boolean released;

    /**
     * @param queue         where encoded frames go
     * @param maxSendBuffer the send buffer limit, in bytes
     * @param onClosing     called (under the lock) whenever a Close frame has been sent or received
     */
    LockedEngine(WriterQueue queue, long maxSendBuffer, Runnable onClosing) {
        this.queue = queue;
        this.maxSendBuffer = maxSendBuffer;
        this.onClosing = onClosing;
    }

    /** Creates the engine connection for the server's accepted answer. */
    void open(ClientUpgrade.Accepted answer, ClientConfig config) {
        lock.lock();
        try {
            connection = answer.open(config.settings(), config.maskKeys(), event, this::sink);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Feeds bytes from the server until the engine has decoded one event or used them all up; the
     * event, if any, is then in {@link #event()}, for the caller to deliver (without the lock) and
     * {@link InboundEvent#clear() clear} before calling again.
     *
     * @throws RuntimeException the engine failed internally; it has sent Close 1011
     */
    InboundEvent.Kind receive(ByteBuffer data) {
        lock.lock();
        try {
            if (connection == null || released) {
                data.position(data.limit());
                return InboundEvent.Kind.NONE;
            }
            try {
                connection.receive(data);
            } finally {
                afterCall(null);
            }
            if (event.kind() == InboundEvent.Kind.PROTOCOL_ERROR) {
                violation = event.error();
            }
            return event.kind();
        } finally {
            lock.unlock();
        }
    }

    /** The event the last {@link #receive} stopped at; read and cleared by the reader thread only. */
    InboundEvent event() {
        return event;
    }

    /**
     * Runs one send on the engine unless the session is closed or the send buffer is full (checked
     * before encoding, so a refused message leaves no trace, compression context included).
     *
     * @param size    the message's payload size, counted against the send buffer; ignored for control frames
     * @param control whether this is a ping or pong, which the buffer does not limit
     */
    CompletableFuture<Void> send(long size, boolean control, Consumer<Connection> call) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        lock.lock();
        try {
            if (connection == null || released) {
                done.completeExceptionally(new IllegalStateException("the session is closed"));
                return done;
            }
            long queued = queue.queuedBytes();
            if (!control && queued > 0 && queued + size > maxSendBuffer) {
                done.completeExceptionally(new SendBufferFullException(size, queued, maxSendBuffer));
                return done;
            }
            call.accept(connection);
            afterCall(done);
        } catch (RuntimeException e) {
            pending.clear();
            done.completeExceptionally(e);
        } finally {
            lock.unlock();
        }
        return done;
    }

    /** Sends our Close frame, once; see {@link Connection#close(int, String)}. */
    void close(int code, String reason) {
        lock.lock();
        try {
            if (connection != null && !released) {
                connection.close(code, reason);
                afterCall(null);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether no Close frame was sent or received yet and the engine is not released. */
    boolean isOpen() {
        lock.lock();
        try {
            return connection != null && !released && connection.state() == ConnectionState.OPEN;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Releases the engine (its Deflater and Inflater) and says how the connection ended: the server's
     * Close, or the code we failed it with for a protocol violation, or 1006 with {@code lostReason}.
     */
    Ending release(String lostReason) {
        lock.lock();
        try {
            released = true;
            if (connection == null) {
                return new Ending(new WsCloseStatus(CloseCodes.ABNORMAL_CLOSURE, lostReason), false);
            }
            connection.release();
            if (connection.isCloseReceived()) {
                return new Ending(new WsCloseStatus(connection.peerCloseCode(), connection.peerCloseReason()), true);
            }
            if (violation != null) {
                return new Ending(new WsCloseStatus(violation.closeCode(), violation.getMessage()), true);
            }
            return new Ending(new WsCloseStatus(CloseCodes.ABNORMAL_CLOSURE, lostReason), false);
        } finally {
            lock.unlock();
        }
    }

    /** The engine's {@code FrameSink}; only ever called during an engine call, under the lock. */
    private void sink(ByteBuffer frames, boolean control) {
        pending.add(new Pending(frames, control));
    }

    /** Queues what the engine call produced ({@code done} goes with its last frames) and notes closing. */
    private void afterCall(CompletableFuture<Void> done) {
        int last = pending.size() - 1;
        for (int i = 0; i <= last; i++) {
            Pending p = pending.get(i);
            queue.add(p.frames(), p.control(), i == last ? done : null);
        }
        pending.clear();
        if (last < 0 && done != null) {
            done.complete(null);
        }
        if (connection.isCloseSent() || connection.isCloseReceived()) {
            onClosing.run();
        }
    }
}
