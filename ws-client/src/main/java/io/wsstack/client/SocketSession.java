package io.wsstack.client;

import io.wsstack.core.ClientUpgrade;
import io.wsstack.core.CloseCodes;
import io.wsstack.core.Connection;
import io.wsstack.core.ConnectionState;
import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.core.deflate.NegotiatedDeflate;
import io.wsstack.core.handshake.HttpHeaders;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The one implementation of {@link WsClientSession}: the engine {@link Connection} behind a short
 * lock, the outbound queue its writer thread drains, and the end-of-life bookkeeping. Its reader
 * thread ({@link SessionReader}) opens the connection and feeds the engine.
 *
 * <p>The lock guards the engine (which is not thread-safe) and is held only while encoding or
 * decoding, never during socket I/O or listener calls.
 */
final class SocketSession implements WsClientSession, SessionTimers.Actions {

    private record Pending(ByteBuffer frames, boolean control) {
    }

    private final long id;
    private final URI uri;
    private final WsClientListener listener;
    private final ClientConfig config;
    private final Consumer<SocketSession> onEnd;
    private final SessionReader reader;
    private final CompletableFuture<WsClientSession> opened = new CompletableFuture<>();
    private final CompletableFuture<WsCloseStatus> closed = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final OutboundQueue queue = new OutboundQueue();
    private final EventRecorder recorder = new EventRecorder();
    private final List<Pending> pending = new ArrayList<>(4);
    private final SessionTimers timers;

    private Connection connection;           // guarded by lock
    private boolean released;                // guarded by lock
    private volatile ClientUpgrade.Accepted accepted;
    private volatile Socket socket;
    private volatile Thread writer;
    private volatile boolean dropped;
    private volatile String dropReason;
    private volatile IOException ioError;

    SocketSession(long id, URI uri, WsClientListener listener, ClientUpgrade upgrade, ClientConfig config,
            ScheduledExecutorService executor, Consumer<SocketSession> onEnd) {
        this.id = id;
        this.uri = uri;
        this.listener = listener;
        this.config = config;
        this.onEnd = onEnd;
        this.timers = new SessionTimers(executor, config, this);
        this.reader = new SessionReader(this, upgrade, config, executor);
    }

    /** Starts the reader thread, which connects; the future completes once the session is open. */
    CompletableFuture<WsClientSession> start() {
        opened.whenComplete((session, failure) -> {
            if (opened.isCancelled()) {
                abort();
            }
        });
        WsClient.named(config.threadFactory(), "wsclient-reader-" + id).newThread(reader).start();
        return opened;
    }

    // ---- called by the reader thread -------------------------------------------------------------

    /** The TCP socket exists; from now on {@link #abort()} and the timers can cut it. */
    void socketCreated(Socket raw) {
        socket = raw;
        if (dropped) {
            closeQuietly(raw);
        }
    }

    /** The attempt failed before the session opened. */
    void openingFailed(Throwable failure) {
        closeQuietly(socket);
        onEnd.accept(this);
        opened.completeExceptionally(failure);
        closed.complete(new WsCloseStatus(CloseCodes.ABNORMAL_CLOSURE, "the opening handshake failed"));
    }

    /** The server answered 101: starts the engine, the writer and the clocks, tells the listener. */
    void open(ClientUpgrade.Accepted answer, OutputStream out) {
        accepted = answer;
        lock.lock();
        try {
            connection = answer.open(config.settings(), config.maskKeys(), recorder, this::sink);
        } finally {
            lock.unlock();
        }
        Thread thread = WsClient.named(config.threadFactory(), "wsclient-writer-" + id)
                .newThread(new SocketWriter(queue, out, this::writeFailed));
        writer = thread;
        thread.start();
        timers.start();
        dispatch(List.of((l, s) -> l.onOpen(s)));
        if (!opened.complete(this)) {
            abort();
        }
    }

    /** Feeds bytes from the server to the engine, then delivers what it decoded, without the lock. */
    void receive(ByteBuffer data, List<EventRecorder.Event> events) {
        timers.received();
        lock.lock();
        try {
            if (released) {
                return;
            }
            connection.receive(data);
            recorder.drainTo(events);
            flushPending(null);
            noteClosing();
        } catch (RuntimeException e) {
            flushPending(null);
            noteClosing();
            events.add((l, s) -> l.onError(s, e));
        } finally {
            lock.unlock();
        }
        dispatch(events);
        events.clear();
    }

    /** The server closed its side. */
    void endOfStream() {
        noteDrop("the server closed the connection without a closing handshake");
    }

    /** Reading failed: a reset, or the socket was closed under the reader. */
    void readFailed(IOException e) {
        if (!dropped && ioError == null) {
            ioError = e;
        }
        noteDrop("connection lost: " + e.getMessage());
    }

    /** Ends the session: socket, writer, engine resources, then the listener's onClose and the future. */
    void finish() {
        timers.cancel();
        closeQuietly(socket);
        queue.close(new IOException("the connection closed before these frames were written"));
        joinWriter();
        WsCloseStatus status;
        boolean expected;
        lock.lock();
        try {
            status = finalStatus();
            expected = dropped || connection.isCloseReceived() || recorder.violation() != null;
            released = true;
            connection.release();
        } finally {
            lock.unlock();
        }
        onEnd.accept(this);
        if (ioError != null && !expected) {
            safely(() -> listener.onError(this, ioError));
        }
        safely(() -> listener.onClose(this, status.code(), status.reason()));
        closed.complete(status);
    }

    // ---- WsClientSession -------------------------------------------------------------------------

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public String subprotocol() {
        return accepted.handshake().acceptedProtocol();
    }

    @Override
    public NegotiatedDeflate deflate() {
        return accepted.deflate();
    }

    @Override
    public HttpHeaders responseHeaders() {
        return HttpHeaders.copyOf(accepted.handshake().headers());
    }

    @Override
    public boolean isOpen() {
        lock.lock();
        try {
            return connection != null && !released && connection.state() == ConnectionState.OPEN;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long queuedBytes() {
        return queue.queuedBytes();
    }

    @Override
    public CompletableFuture<Void> sendText(CharSequence text) {
        String s = text.toString();
        return send(Utf8.length(s), false, c -> c.sendText(s));
    }

    @Override
    public CompletableFuture<Void> sendBinary(ByteBuffer data) {
        return send(data.remaining(), false, c -> c.sendBinary(data));
    }

    @Override
    public CompletableFuture<Void> sendBinary(byte[] data) {
        return sendBinary(ByteBuffer.wrap(data));
    }

    @Override
    public CompletableFuture<Void> sendFragment(boolean text, ByteBuffer payload, boolean last) {
        return send(payload.remaining(), false, c -> c.sendFragment(text, payload, last));
    }

    @Override
    public CompletableFuture<Void> ping(ByteBuffer payload) {
        return send(0, true, c -> c.sendPing(payload));
    }

    @Override
    public CompletableFuture<Void> pong(ByteBuffer payload) {
        return send(0, true, c -> c.sendPong(payload));
    }

    @Override
    public CompletableFuture<WsCloseStatus> close(int code, String reason) {
        lock.lock();
        try {
            if (connection != null && !released) {
                connection.close(code, reason);
                flushPending(null);
                noteClosing();
            }
        } finally {
            lock.unlock();
        }
        return closed;
    }

    @Override
    public CompletableFuture<WsCloseStatus> close() {
        return close(CloseCodes.NORMAL_CLOSURE, "");
    }

    @Override
    public void abort() {
        drop("aborted");
    }

    @Override
    public CompletableFuture<WsCloseStatus> closeFuture() {
        return closed;
    }

    // ---- SessionTimers.Actions -------------------------------------------------------------------

    @Override
    public void idle() {
        close(CloseCodes.GOING_AWAY, "idle timeout");
    }

    @Override
    public void keepalivePing() {
        ping(ByteBuffer.allocate(0));
    }

    @Override
    public void closeTimedOut() {
        drop("close timeout: the closing handshake did not finish");
    }

    // ---- internals -------------------------------------------------------------------------------

    private CompletableFuture<Void> send(long size, boolean control, Consumer<Connection> call) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        lock.lock();
        try {
            if (connection == null || released) {
                done.completeExceptionally(new IllegalStateException("the session is closed"));
                return done;
            }
            long queued = queue.queuedBytes();
            if (!control && queued > 0 && queued + size > config.maxSendBuffer()) {
                done.completeExceptionally(new SendBufferFullException(size, queued, config.maxSendBuffer()));
                return done;
            }
            call.accept(connection);
            flushPending(done);
            noteClosing();
        } catch (RuntimeException e) {
            pending.clear();
            done.completeExceptionally(e);
        } finally {
            lock.unlock();
        }
        return done;
    }

    /** The engine's {@code FrameSink}; always called under the lock, during an engine call. */
    private void sink(ByteBuffer frames, boolean control) {
        pending.add(new Pending(frames, control));
    }

    /** Queues what the last engine call produced; {@code done} goes with its last frames. */
    private void flushPending(CompletableFuture<Void> done) {
        int last = pending.size() - 1;
        for (int i = 0; i <= last; i++) {
            Pending p = pending.get(i);
            queue.add(p.frames(), p.control(), i == last ? done : null);
        }
        pending.clear();
        if (last < 0 && done != null) {
            done.complete(null);
        }
    }

    private void noteClosing() {
        if (connection.isCloseSent() || connection.isCloseReceived()) {
            timers.startCloseTimer();
        }
    }

    private WsCloseStatus finalStatus() {
        if (connection.isCloseReceived()) {
            return new WsCloseStatus(connection.peerCloseCode(), connection.peerCloseReason());
        }
        WebSocketProtocolException violation = recorder.violation();
        if (violation != null) {
            return new WsCloseStatus(violation.closeCode(), violation.getMessage());
        }
        return new WsCloseStatus(CloseCodes.ABNORMAL_CLOSURE, dropReason == null ? "connection lost" : dropReason);
    }

    private void dispatch(List<EventRecorder.Event> events) {
        for (EventRecorder.Event event : events) {
            try {
                event.deliver(listener, this);
            } catch (RuntimeException failure) {
                safely(() -> listener.onError(this, failure));
                try {
                    close(CloseCodes.INTERNAL_ERROR, "listener failed");
                } catch (RuntimeException ignored) {
                    // the session is already closing
                }
                return;
            }
        }
    }

    private void writeFailed(IOException e) {
        if (!dropped && ioError == null) {
            ioError = e;
        }
        noteDrop("write failed: " + e.getMessage());
        closeQuietly(socket);
    }

    private void drop(String reason) {
        noteDrop(reason);
        dropped = true;
        closeQuietly(socket);
    }

    private synchronized void noteDrop(String reason) {
        if (dropReason == null) {
            dropReason = reason;
        }
    }

    private void joinWriter() {
        Thread thread = writer;
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(config.closeTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException ignored) {
            // a listener failing during shutdown changes nothing: the session is over
        }
    }

    static void closeQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that was asked; there is nothing to report
        }
    }
}
