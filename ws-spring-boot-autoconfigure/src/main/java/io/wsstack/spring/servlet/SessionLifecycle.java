package io.wsstack.spring.servlet;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.Connection;
import io.wsstack.core.FrameSink;
import io.wsstack.core.InboundBudget;
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
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

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
 *
 * <p>Its monitor is the session's engine lock: the engine ({@link Connection}) is touched only inside
 * {@code synchronized (this)}, never while a handler runs.
 */
final class SessionLifecycle implements FrameWriter.Events, SessionTimers.Target, FrameTransport.Reader, HandlerInvoker.Closer,
        FrameSink {

    private static final Log log = LogFactory.getLog(SessionLifecycle.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final ServletWsSession session;
    private final SessionSetup setup;
    private final FrameTransport transport;
    private final InboundEvent inbound;
    /** How a failing handler closes the session: {@link #close}, i.e. {@link #startClose} (no callback object per session). */
    private final HandlerInvoker.Closer closer = this;
    private final String endpoint;
    private final WsObserver observer;
    private final WsObserver.EndpointObserver meters;
    private final java.util.function.LongSupplier nanoClock;
    private final HandlerInvoker invoker;
    // The end flags in one int with a static updater rather than AtomicBoolean objects, and the
    // "closed" future made only when someone asks for it: every idle session carries these.
    private static final AtomicIntegerFieldUpdater<SessionLifecycle> ENDS =
            AtomicIntegerFieldUpdater.newUpdater(SessionLifecycle.class, "ends");
    private static final AtomicReferenceFieldUpdater<SessionLifecycle, CompletableFuture> CLOSED =
            AtomicReferenceFieldUpdater.newUpdater(SessionLifecycle.class, CompletableFuture.class, "closed");
    /** The session's end was reported ({@link #finish}). */
    private static final int FINISHED = 1;
    /** The TCP connection was dropped and the engine released ({@link #dropConnection}). */
    private static final int DROPPED = 2;
    /** {@code onClose} has returned: {@link #closedFuture()} is complete. */
    private static final int CLOSE_REPORTED = 4;
    /** {@link #FINISHED}, {@link #DROPPED}, {@link #CLOSE_REPORTED}. */
    private volatile int ends;
    /** Completed once {@code onClose} returned; made by the first {@link #closedFuture()} call. */
    private volatile CompletableFuture<Void> closed;
    private Connection connection;
    private FrameWriter writer;
    private SessionTimers timers;
    /**
     * Our Close or the peer's is under way: no more data may be queued. Set (only ever to true) by
     * the thread that starts or answers the close — the read thread, the lane thread, a timer, or
     * an application thread closing — partly outside the engine lock, and read without any lock by
     * {@link #canSend()} on every application thread that sends, and by {@code isOpen()}. Volatile
     * so that a sender on another thread sees it as soon as it is set (a plain field could stay
     * {@code false} for it indefinitely, and {@code isOpen()} would go on saying true). Order on the
     * wire does not rest on it: the writer itself refuses data once the Close is queued.
     */
    private volatile boolean closeStarted;
    /** Whether a message that may count against the inbound budget was handled in this read batch; read thread only. */
    private boolean largeMessageHandled;
    /** The thread running {@link #receive} now, if any. */
    private volatile Thread readingThread;
    /** The thread running a run of this session's lane calls now ({@link #laneBatchStarted}), if any. */
    private volatile Thread laneThread;
    /** Bytes read since the last data message was reported; read thread only. */
    private long unreportedWireBytes;
    /**
     * The read batch's (or lane run's) messages summed for meters that take totals; created on the
     * first message of the first batch, so a session that never got one holds none; used by the
     * read thread, or by the lane thread during a lane run (a session has a lane or not, for life).
     */
    private MessageTotals totals;
    /**
     * The last clock reading of the read thread (or of the lane thread during a lane run): the start
     * of the read batch or run, then the end of each handler call. A message's handler time runs
     * from there (its decoding, or taking it off the lane, included), so a message costs one clock read.
     */
    private long markNanos;

    SessionLifecycle(ServletWsSession session, SessionSetup setup, FrameTransport transport,
                     InboundEvent inbound, WsObserver.EndpointObserver meters) {
        this.session = session;
        this.setup = setup;
        this.transport = transport;
        this.inbound = inbound;
        this.endpoint = setup.endpoint().name();
        this.observer = setup.context().observer();
        this.meters = meters;
        this.nanoClock = setup.context().nanoClock();
        this.invoker = new HandlerInvoker(setup.endpoint().handler(), endpoint, meters, nanoClock);
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
        invoker.invoke(session, HandlerInvoker.OPEN, null, closer);
        transport.startReading(this);
    }

    /** Whether data may still be sent: no Close sent or received, connection not lost. */
    boolean canSend() {
        return !closeStarted && (ends & (FINISHED | DROPPED)) == 0;
    }

    /** Whether the connection was dropped and the engine released. */
    boolean isDropped() {
        return dropped();
    }

    CompletableFuture<Void> closedFuture() {
        CompletableFuture<Void> future = closed;
        if (future == null) {
            CLOSED.compareAndSet(this, null, new CompletableFuture<Void>());
            future = closed;
        }
        if ((ends & CLOSE_REPORTED) != 0) {
            // onClose returned before (or while) the future was made: complete it here.
            future.complete(null);
        }
        return future;
    }

    private boolean dropped() {
        return (ends & DROPPED) != 0;
    }

    private boolean finished() {
        return (ends & FINISHED) != 0;
    }

    /** Sets {@code flag}; false when it was set already. */
    private boolean setEnd(int flag) {
        int current;
        do {
            current = ends;
            if ((current & flag) != 0) {
                return false;
            }
        } while (!ENDS.compareAndSet(this, current, current | flag));
        return true;
    }

    /** {@code onClose} returned: completes the future if one was asked for (else its maker does). */
    private void closeReported() {
        setEnd(CLOSE_REPORTED);
        CompletableFuture<Void> future = closed;
        if (future != null) {
            future.complete(null);
        }
    }

    /** A failing handler's close: as {@link #startClose}. */
    @Override
    public void close(int code, String reason) {
        startClose(code, reason);
    }

    /** Sends our Close frame (once) and arms the close timeout, or drops TCP if the handshake is complete. */
    void startClose(int code, String reason) {
        boolean handshakeDone;
        synchronized (this) {
            if (dropped() || connection.isCloseSent()) {
                return;
            }
            closeStarted = true;
            connection.close(code, reason);
            handshakeDone = connection.isCloseReceived();
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

    /**
     * The engine's own frames (pongs, Close) into the writer's queue; data messages do not pass
     * through the engine. The engine's sink is this object rather than a callback of its own.
     */
    @Override
    public void send(ByteBuffer frames, boolean control) {
        if (control) {
            writer.queueControl(frames, null);
        } else {
            writer.queueData(frames, null);
        }
    }

    /** Sends a ping; false when the session can no longer send. */
    boolean sendPing(ByteBuffer payload) {
        synchronized (this) {
            if (!canSend()) {
                return false;
            }
            connection.sendPing(payload);
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
        FrameTransport.HandlerLane lane = transport.handlerLane();
        if (lane != null) {
            receiveAhead(chunk, lane);
            return;
        }
        markNanos = nanoClock.getAsLong();
        timers.received(markNanos);
        unreportedWireBytes += chunk.remaining();
        readingThread = Thread.currentThread();
        try {
            while (chunk.hasRemaining()) {
                InboundEvent.Kind kind;
                synchronized (this) {
                    if (dropped() || finished()) {
                        return;
                    }
                    connection.receive(chunk);
                    kind = inbound.kind();
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
                synchronized (this) {
                    connection.messageConsumed();
                }
            }
        } finally {
            readingThread = null;
            if (totals != null) {
                totals.handOver(meters);
            }
            writer.flush();
        }
    }

    /**
     * Decodes on the transport's thread, ahead of the handlers: each event is taken out of the
     * slot and queued on the lane, where its handler call runs later in wire order. The wire order
     * of our answers is kept because the engine holds the Close it owes (the reply to the peer's
     * Close, or the Close for a bad frame; {@code ConnectionSettings.holdOwedClose}) until the
     * event that caused it is delivered on the lane, after the handlers of every message before
     * it: an echo still precedes the Close of a later bad frame. Pongs the engine owes are queued
     * at once, as on every transport (control frames go ahead of data). Returns with bytes left
     * in the chunk when the lane is full; the transport passes them again once it has room.
     */
    private void receiveAhead(ByteBuffer chunk, FrameTransport.HandlerLane lane) {
        timers.received(nanoClock.getAsLong());
        try {
            while (chunk.hasRemaining()) {
                int before = chunk.position();
                DecodedEvent event = null;
                synchronized (this) {
                    if (dropped()) {
                        chunk.position(chunk.limit());
                        return;
                    }
                    connection.receive(chunk);
                    unreportedWireBytes += chunk.position() - before;
                    if (inbound.kind() != InboundEvent.Kind.NONE) {
                        boolean data = inbound.kind() == InboundEvent.Kind.TEXT || inbound.kind() == InboundEvent.Kind.BINARY;
                        event = new DecodedEvent(this, inbound, data ? takeWireBytes() : 0);
                        inbound.clear();
                    }
                }
                if (event != null && !lane.offer(event, event.bytes())) {
                    return;
                }
            }
            synchronized (this) {
                // The events hold copies: the engine's message buffer stops counting against the inbound budget.
                connection.messageConsumed();
            }
        } finally {
            writer.flush();
        }
    }

    /** Runs the handler call of an event decoded ahead ({@link #receiveAhead}), on the lane. */
    void deliver(DecodedEvent event) {
        if (finished()) {
            return; // ended meanwhile (close timeout, lost connection): onClose was the last call
        }
        switch (event.kind) {
            case TEXT -> {
                String text = event.text;
                if (inLaneBatch()) {
                    countReceived(MessageType.TEXT, event.payloadLength, event.wireBytes);
                    markNanos = invoker.invokeTimed(session, HandlerInvoker.TEXT, text, closer, markNanos, handlerTotals());
                } else {
                    meters.messageReceived(MessageType.TEXT, event.payloadLength, event.wireBytes);
                    invoker.invoke(session, HandlerInvoker.TEXT, text, closer);
                }
            }
            case BINARY -> {
                ByteBuffer data = event.data;
                if (inLaneBatch()) {
                    countReceived(MessageType.BINARY, data.remaining(), event.wireBytes);
                    markNanos = invoker.invokeTimed(session, HandlerInvoker.BINARY, data, closer, markNanos, handlerTotals());
                } else {
                    meters.messageReceived(MessageType.BINARY, data.remaining(), event.wireBytes);
                    invoker.invoke(session, HandlerInvoker.BINARY, data, closer);
                }
            }
            case PONG -> {
                ByteBuffer payload = event.data;
                timers.pongReceived();
                if (inLaneBatch()) {
                    markNanos = invoker.invokeTimed(session, HandlerInvoker.PONG, payload, closer, markNanos, handlerTotals());
                } else {
                    invoker.invoke(session, HandlerInvoker.PONG, payload, closer);
                }
            }
            case CLOSE, PROTOCOL_ERROR -> {
                synchronized (this) {
                    connection.sendOwedClose();
                }
                closeStarted = true;
                timers.closeStarted();
                writer.closeWhenFlushed();
                if (event.kind == InboundEvent.Kind.CLOSE) {
                    finish(new WsCloseStatus(event.closeCode, event.closeReason));
                } else {
                    observer.protocolError(endpoint, event.error.closeCode());
                    finish(new WsCloseStatus(event.error.closeCode(), event.error.getMessage()));
                }
            }
            default -> {
                // streamed pieces and pings are not asked for by this transport
            }
        }
    }

    /**
     * Whether the caller is the thread handling a read batch right now: its sends are flushed
     * together at the end of the batch instead of one by one.
     */
    boolean inReadBatch() {
        return readingThread == Thread.currentThread();
    }

    /** Whether the caller is the thread running a run of this session's lane calls right now. */
    private boolean inLaneBatch() {
        return laneThread == Thread.currentThread();
    }

    /**
     * A run of lane calls starts: its handler calls are timed from one clock reading each (the end
     * of one call is the start of the next), and its messages are summed for the meters until it
     * ends, as a read batch's are on a transport without a lane.
     */
    @Override
    public void laneBatchStarted() {
        markNanos = nanoClock.getAsLong();
        laneThread = Thread.currentThread();
    }

    /** Hands the run's summed messages to the meters. */
    @Override
    public void laneBatchEnded() {
        laneThread = null;
        if (totals != null) {
            totals.handOver(meters);
        }
    }

    private void dispatch(InboundEvent.Kind kind) {
        if (finished()) {
            return; // ended meanwhile (close timeout, lost connection): onClose was the last call
        }
        switch (kind) {
            case TEXT -> {
                String text = inbound.text();
                largeMessageHandled |= text.length() > InboundBudget.FREE_PER_CONNECTION / 4;
                countReceived(MessageType.TEXT, inbound.payloadLength(), takeWireBytes());
                markNanos = invoker.invokeTimed(session, HandlerInvoker.TEXT, text, closer, markNanos, handlerTotals());
            }
            case BINARY -> {
                ByteBuffer data = inbound.data();
                largeMessageHandled |= data.remaining() > InboundBudget.FREE_PER_CONNECTION;
                countReceived(MessageType.BINARY, data.remaining(), takeWireBytes());
                markNanos = invoker.invokeTimed(session, HandlerInvoker.BINARY, data, closer, markNanos, handlerTotals());
            }
            case PONG -> {
                ByteBuffer payload = inbound.data();
                timers.pongReceived();
                markNanos = invoker.invokeTimed(session, HandlerInvoker.PONG, payload, closer, markNanos, handlerTotals());
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

    /**
     * Where a read batch's or lane run's handler calls are summed, or {@code null} when the meters
     * want each call (one that keeps a histogram does).
     */
    private MessageTotals handlerTotals() {
        return meters.takesHandlerTotals() ? batchTotals() : null;
    }

    /** The batch's sums, made by the first message that needs them (a session that never gets one holds none). */
    private MessageTotals batchTotals() {
        if (totals == null) {
            totals = new MessageTotals();
        }
        return totals;
    }

    /**
     * Reports a message received in a read batch or lane run: summed until the batch ends when the
     * meters take totals.
     */
    private void countReceived(MessageType type, long payloadBytes, long wireBytes) {
        if (meters.takesTotals()) {
            batchTotals().received(type, payloadBytes, wireBytes, meters);
        } else {
            meters.messageReceived(type, payloadBytes, wireBytes);
        }
    }

    /**
     * Reports a data message queued for sending. The handlers of a read batch send on the read
     * thread, those of a lane run on the lane thread: theirs are summed with the batch's received
     * messages; any other thread reports at once.
     *
     * @return whether the caller handles a read batch ({@link #inReadBatch()}), whose end flushes
     */
    boolean countSent(MessageType type, long payloadBytes, long wireBytes) {
        boolean inReadBatch = inReadBatch();
        if ((inReadBatch || inLaneBatch()) && meters.takesTotals()) {
            batchTotals().sent(type, payloadBytes, wireBytes, meters);
        } else {
            meters.messageSent(type, payloadBytes, wireBytes);
        }
        return inReadBatch;
    }

    /** The wire bytes since the last report, attributed to the first message decoded from them. */
    private long takeWireBytes() {
        long bytes = unreportedWireBytes;
        unreportedWireBytes = 0;
        return bytes;
    }

    @Override
    public boolean wantsInput() {
        return !dropped();
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
        if (!setEnd(FINISHED)) {
            return;
        }
        setup.context().sessions().remove(session);
        observer.sessionClosed(endpoint, status.code());
        if (log.isDebugEnabled()) {
            log.debug("WebSocket session " + session.id() + " on endpoint '" + endpoint + "' from " + setup.remoteAddress()
                    + " closed with " + status.code() + (status.reason().isEmpty() ? "" : " (" + status.reason() + ")"));
        }
        invoker.invokeOrDefer(session, HandlerInvoker.CLOSE, status, (code, reason) -> { }, this::closeReported);
    }

    /** Drops the TCP connection once: timers off, queue failed, engine released, socket closed. */
    private void dropConnection() {
        if (!setEnd(DROPPED)) {
            return;
        }
        timers.cancel();
        writer.discardAll(closedError());
        synchronized (this) {
            connection.release();
        }
        try {
            transport.close();
        } catch (IOException | RuntimeException e) {
            log.debug("Closing the upgraded connection of session " + session.id() + " failed", e);
        }
    }
}
