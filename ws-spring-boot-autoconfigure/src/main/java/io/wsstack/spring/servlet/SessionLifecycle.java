package io.wsstack.spring.servlet;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.Connection;
import io.wsstack.core.InboundBudget;
import io.wsstack.core.internal.utf8.Utf8Length;
import io.wsstack.core.session.InboundEvent;
import io.wsstack.core.session.SessionTimers;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.WsObserver;
import io.wsstack.spring.WsObserver.MessageType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The life of one session from open to the dropped TCP connection: it reacts to reads, the writer
 * and the timers, runs the handler's callbacks, and makes sure {@code onClose} is reported exactly
 * once and the socket is always released.
 *
 * <p>Two things end separately. The <em>session</em> ends ({@link #finish}) when the close status is
 * known: the peer's Close arrived, a protocol error was found, or the connection was lost (1006).
 * The <em>TCP connection</em> is dropped ({@link #dropConnection}) once our last frame was handed
 * over, or when the close timeout expires because the peer stopped reading or never answered our
 * Close (RFC 6455 §7.1.1: the server closes the TCP connection first).
 */
final class SessionLifecycle implements FrameWriter.Events, SessionTimers.Target, FrameTransport.Reader {

    private static final Log log = LogFactory.getLog(SessionLifecycle.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final ServletWsSession session;
    private final SessionSetup setup;
    private final FrameTransport transport;
    private final InboundEvent inbound;
    private final HandlerInvoker.Closer closer = this::startClose;
    private final ReentrantLock engineLock;
    private final String endpoint;
    private final WsObserver observer;
    private final HandlerInvoker invoker;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean dropped = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private Connection connection;
    private FrameWriter writer;
    private SessionTimers timers;
    private volatile boolean closeStarted;
    /** Whether a message that may count against the inbound budget was handled in this read batch; read thread only. */
    private boolean largeMessageHandled;
    /** The thread running {@link #receive} now, if any. */
    private volatile Thread readingThread;
    /** Bytes read since the last data message was reported; read thread only. */
    private long unreportedWireBytes;

    SessionLifecycle(ServletWsSession session, SessionSetup setup, FrameTransport transport,
                     InboundEvent inbound, ReentrantLock engineLock) {
        this.session = session;
        this.setup = setup;
        this.transport = transport;
        this.inbound = inbound;
        this.engineLock = engineLock;
        this.endpoint = setup.endpoint().name();
        this.observer = setup.context().observer();
        this.invoker = new HandlerInvoker(setup.endpoint().handler(), endpoint, observer, setup.context().nanoClock());
    }

    void bind(Connection connection, FrameWriter writer, SessionTimers timers) {
        this.connection = connection;
        this.writer = writer;
        this.timers = timers;
    }

    static IllegalStateException closedError() {
        return new IllegalStateException("the WebSocket session is closing or closed");
    }

    /** Starts writing, registers the session, arms timers, calls {@code onOpen}, then starts reading. */
    void open() throws IOException {
        writer.attach(transport);
        setup.context().sessions().add(session);
        observer.sessionOpened(endpoint, setup.compression() != null);
        if (log.isDebugEnabled()) {
            log.debug("WebSocket session " + session.id() + " opened on endpoint '" + endpoint + "' from " + setup.remoteAddress());
        }
        timers.start();
        invoker.invoke(session, h -> h.onOpen(session), closer);
        transport.startReading(this);
    }

    /** Whether data may still be sent: no Close sent or received, connection not lost. */
    boolean canSend() {
        return !closeStarted && !finished.get() && !dropped.get();
    }

    /** Whether the connection was dropped and the engine released. */
    boolean isDropped() {
        return dropped.get();
    }

    CompletableFuture<Void> closedFuture() {
        return closed;
    }

    /** Sends our Close frame (once) and arms the close timeout, or drops TCP if the handshake is complete. */
    void startClose(int code, String reason) {
        boolean handshakeDone;
        engineLock.lock();
        try {
            if (dropped.get() || connection.isCloseSent()) {
                return;
            }
            closeStarted = true;
            connection.close(code, reason);
            handshakeDone = connection.isCloseReceived();
        } finally {
            engineLock.unlock();
        }
        if (log.isDebugEnabled()) {
            log.debug("WebSocket session " + session.id() + " on endpoint '" + endpoint + "' from " + setup.remoteAddress()
                    + " closing with " + code + (reason.isEmpty() ? "" : " (" + reason + ")"));
        }
        timers.closeStarted();
        if (handshakeDone) {
            writer.closeWhenFlushed();
        } else {
            writer.flush();
        }
    }

    /** Sends a ping; false when the session can no longer send. */
    boolean sendPing(ByteBuffer payload) {
        engineLock.lock();
        try {
            if (!canSend()) {
                return false;
            }
            connection.sendPing(payload);
        } finally {
            engineLock.unlock();
        }
        writer.flush();
        return true;
    }

    // ---- reading -------------------------------------------------------------------------------

    /**
     * Decodes the chunk one event at a time: {@link InboundEvent} pauses the engine after each
     * event, the handler runs (outside the lock) and queues its answer, and only then is the next
     * frame decoded. So the echo of a valid message goes out before the Close that a bad frame
     * right after it causes (nothing may follow a Close, RFC 6455 §5.5.1). What the handlers and
     * the engine queued during the chunk is flushed once, at its end (one write per read batch, not
     * one per message). The chunk is used up before this returns, so the caller reads no more while
     * bytes of it are unprocessed.
     */
    @Override
    public void receive(ByteBuffer chunk) {
        timers.received();
        unreportedWireBytes += chunk.remaining();
        readingThread = Thread.currentThread();
        try {
            while (chunk.hasRemaining()) {
                InboundEvent.Kind kind;
                engineLock.lock();
                try {
                    if (dropped.get() || finished.get()) {
                        return;
                    }
                    connection.receive(chunk);
                    kind = inbound.kind();
                } finally {
                    engineLock.unlock();
                }
                if (kind != InboundEvent.Kind.NONE) {
                    try {
                        dispatch(kind);
                    } finally {
                        inbound.clear();
                    }
                }
            }
            if (largeMessageHandled) {
                // Its bytes stop counting against the server's inbound budget now, not at the next read.
                largeMessageHandled = false;
                engineLock.lock();
                try {
                    connection.messageConsumed();
                } finally {
                    engineLock.unlock();
                }
            }
        } finally {
            readingThread = null;
            writer.flush();
        }
    }

    /**
     * Whether the caller is the thread handling a read batch right now: its sends are flushed
     * together at the end of the batch instead of one by one.
     */
    boolean inReadBatch() {
        return readingThread == Thread.currentThread();
    }

    private void dispatch(InboundEvent.Kind kind) {
        if (finished.get()) {
            return; // ended meanwhile (close timeout, lost connection): onClose was the last call
        }
        switch (kind) {
            case TEXT -> {
                String text = inbound.text();
                largeMessageHandled |= text.length() > InboundBudget.FREE_PER_CONNECTION / 4;
                observer.messageReceived(endpoint, MessageType.TEXT, Utf8Length.of(text), takeWireBytes());
                invoker.invoke(session, h -> h.onText(session, text), closer);
            }
            case BINARY -> {
                ByteBuffer data = inbound.data();
                largeMessageHandled |= data.remaining() > InboundBudget.FREE_PER_CONNECTION;
                observer.messageReceived(endpoint, MessageType.BINARY, data.remaining(), takeWireBytes());
                invoker.invoke(session, h -> h.onBinary(session, data), closer);
            }
            case PONG -> {
                ByteBuffer payload = inbound.data();
                timers.pongReceived();
                invoker.invoke(session, h -> h.onPong(session, payload), closer);
            }
            case CLOSE -> {
                // The engine has echoed the Close if we had not sent ours: both Close frames are out.
                closeStarted = true;
                timers.closeStarted();
                writer.closeWhenFlushed();
                finish(new WsCloseStatus(inbound.closeCode(), inbound.closeReason()));
            }
            case PROTOCOL_ERROR -> {
                int code = inbound.error().closeCode();
                observer.protocolError(endpoint, code);
                closeStarted = true;
                timers.closeStarted();
                writer.closeWhenFlushed();
                finish(new WsCloseStatus(code, inbound.error().getMessage()));
            }
            default -> {
                // streamed pieces and pings are not asked for by this transport
            }
        }
    }

    /** The wire bytes since the last report, attributed to the first message decoded from them. */
    private long takeWireBytes() {
        long bytes = unreportedWireBytes;
        unreportedWireBytes = 0;
        return bytes;
    }

    @Override
    public boolean wantsInput() {
        return !dropped.get();
    }

    @Override
    public void inputEnded() {
        connectionLost();
    }

    @Override
    public void readFailed(Throwable error) {
        connectionLost();
    }

    // ---- writer and timers ---------------------------------------------------------------------

    @Override
    public void writeFailed(Throwable error) {
        connectionLost();
    }

    @Override
    public void flushedForClose() {
        dropConnection();
    }

    @Override
    public void idleTimeoutExpired() {
        startClose(CloseCodes.GOING_AWAY, "idle timeout");
    }

    @Override
    public void sendKeepAlivePing() {
        sendPing(EMPTY.duplicate());
    }

    @Override
    public void keepAliveUnanswered() {
        startClose(CloseCodes.INTERNAL_ERROR, "keepalive ping timeout");
    }

    @Override
    public void closeTimeoutExpired() {
        connectionLost();
    }

    /** The container tore the connection down (application stop, container timeout). */
    void destroyed() {
        connectionLost();
    }

    // ---- ending --------------------------------------------------------------------------------

    /** The TCP connection is gone or abandoned: drop it and report 1006 unless a status is known. */
    private void connectionLost() {
        dropConnection();
        finish(WsCloseStatus.ABNORMAL);
    }

    /** Reports the end of the session once: registry, observers, log, {@code onClose}. */
    private void finish(WsCloseStatus status) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        setup.context().sessions().remove(session);
        observer.sessionClosed(endpoint, status.code());
        if (log.isDebugEnabled()) {
            log.debug("WebSocket session " + session.id() + " on endpoint '" + endpoint + "' from " + setup.remoteAddress()
                    + " closed with " + status.code() + (status.reason().isEmpty() ? "" : " (" + status.reason() + ")"));
        }
        invoker.invokeOrDefer(session, h -> h.onClose(session, status), (code, reason) -> { }, () -> closed.complete(null));
    }

    /** Drops the TCP connection once: timers off, queue failed, engine released, socket closed. */
    private void dropConnection() {
        if (!dropped.compareAndSet(false, true)) {
            return;
        }
        timers.cancel();
        writer.discardAll(closedError());
        engineLock.lock();
        try {
            connection.release();
        } finally {
            engineLock.unlock();
        }
        try {
            transport.close();
        } catch (IOException | RuntimeException e) {
            log.debug("Closing the upgraded connection of session " + session.id() + " failed", e);
        }
    }
}
