package io.wsstack.client;

import io.wsstack.core.ClientUpgrade;
import io.wsstack.core.CloseCodes;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.core.internal.utf8.Utf8Length;
import io.wsstack.core.deflate.NegotiatedDeflate;
import io.wsstack.core.handshake.HttpHeaders;
import io.wsstack.core.session.InboundEvent;
import io.wsstack.core.session.SessionTimers;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The one implementation of {@link WsClientSession}: its life from the reader thread's first
 * connect to the final {@code onClose}. The engine sits in a {@link LockedEngine}; the reader thread
 * ({@link SessionReader}) opens the connection and feeds it, one event at a time; the writer thread
 * ({@link SocketWriter}) drains the {@link WriterQueue}; the session core's {@link SessionTimers}
 * (the server's rules: idle timeout, keep-alive ping with pong timeout, close timeout) run on the
 * client's timer thread.
 */
final class SocketSession implements WsClientSession, SessionTimers.Target {

    private final long id;
    private final URI uri;
    private final WsClientListener listener;
    private final ClientConfig config;
    private final Consumer<SocketSession> onEnd;
    private final SessionReader reader;
    private final CompletableFuture<WsClientSession> opened = new CompletableFuture<>();
    private final CompletableFuture<WsCloseStatus> closed = new CompletableFuture<>();
    private final WriterQueue queue = new WriterQueue();
    private final SessionTimers timers;
    private final LockedEngine engine;

    private volatile ClientUpgrade.Accepted accepted;
    private volatile Socket socket;
    private volatile Thread writer;
    private volatile boolean dropped;
    private volatile String dropReason;
    private volatile IOException ioError;
    private volatile boolean pongMissing;

    SocketSession(long id, URI uri, WsClientListener listener, ClientUpgrade upgrade, ClientConfig config,
            ScheduledExecutorService executor, SessionTimers.Rules timerRules, Consumer<SocketSession> onEnd) {
        this.id = id;
        this.uri = uri;
        this.listener = listener;
        this.config = config;
        this.onEnd = onEnd;
        this.timers = new SessionTimers(timerRules, this);
        this.engine = new LockedEngine(queue, config.maxSendBuffer(), timers::closeStarted);
        this.reader = new SessionReader(this, upgrade, config, executor);
    }

    /** Whether the reader thread holds a borrowed read buffer now: never while the session is quiet. */
    boolean holdsReadBuffer() {
        return reader.holdsReadBuffer();
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
        engine.release("the opening handshake failed");
        onEnd.accept(this);
        opened.completeExceptionally(failure);
        closed.complete(new WsCloseStatus(CloseCodes.ABNORMAL_CLOSURE, "the opening handshake failed"));
    }

    /** The server answered 101: starts the engine, the writer and the clocks, tells the listener. */
    void open(ClientUpgrade.Accepted answer, OutputStream out) {
        accepted = answer;
        engine.open(answer, config);
        Thread thread = WsClient.named(config.threadFactory(), "wsclient-writer-" + id)
                .newThread(new SocketWriter(queue, out, this::writeFailed));
        writer = thread;
        thread.start();
        timers.start();
        try {
            listener.onOpen(this);
        } catch (RuntimeException failure) {
            listenerFailed(failure);
        }
        if (!opened.complete(this)) {
            abort();
        }
    }

    /**
     * Feeds bytes from the server to the engine one event at a time, delivering each without the
     * lock before the engine reads on: a reply the listener sends to a message is queued before the
     * Close that a later bad frame in the same bytes makes the engine send.
     */
    void receive(ByteBuffer data) {
        timers.received();
        InboundEvent event = engine.event();
        while (data.hasRemaining()) {
            InboundEvent.Kind kind;
            try {
                kind = engine.receive(data);
            } catch (RuntimeException failure) {
                safely(() -> listener.onError(this, failure));
                return;
            }
            if (kind != InboundEvent.Kind.NONE) {
                try {
                    deliver(event);
                } finally {
                    event.clear();
                }
            }
        }
    }

    /** Calls the listener for one event; a listener that throws closes the session with 1011. */
    private void deliver(InboundEvent event) {
        try {
            switch (event.kind()) {
                case TEXT -> listener.onText(this, event.text());
                case BINARY -> listener.onBinary(this, event.data());
                case TEXT_FRAGMENT -> listener.onTextFragment(this, event.text(), event.last());
                case BINARY_FRAGMENT -> listener.onBinaryFragment(this, event.data(), event.last());
                case PING -> listener.onPing(this, event.data());
                case PONG -> {
                    timers.pongReceived();
                    listener.onPong(this, event.data());
                }
                case PROTOCOL_ERROR -> listener.onError(this, event.error());
                default -> {
                    // the server's Close is reported once the connection is released (finish)
                }
            }
        } catch (RuntimeException failure) {
            listenerFailed(failure);
        }
    }

    private void listenerFailed(RuntimeException failure) {
        safely(() -> listener.onError(this, failure));
        safely(() -> close(CloseCodes.INTERNAL_ERROR, "listener failed"));
    }

    /** The server closed its side. */
    void endOfStream() {
        noteDrop("the server closed the connection without a closing handshake");
    }

    /** Reading failed: a reset, or the socket was closed under the reader. */
    void readFailed(IOException e) {
        noteIoError(e);
        noteDrop("connection lost: " + e.getMessage());
    }

    /** Ends the session: socket, writer, engine resources, then the listener's onClose and the future. */
    void finish() {
        timers.cancel();
        closeQuietly(socket);
        queue.close(new IOException("the connection closed before these frames were written"));
        joinWriter();
        LockedEngine.Ending ending = engine.release(dropReason == null ? "connection lost" : dropReason);
        onEnd.accept(this);
        IOException error = ioError;
        if (error != null && !ending.expected() && !dropped) {
            safely(() -> listener.onError(this, error));
        }
        if (pongMissing) {
            safely(() -> listener.onError(this, new java.net.SocketTimeoutException(pongReason())));
        }
        WsCloseStatus status = pongMissing ? new WsCloseStatus(CloseCodes.INTERNAL_ERROR, pongReason()) : ending.status();
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
        return engine.isOpen();
    }

    @Override
    public long queuedBytes() {
        return queue.queuedBytes();
    }

    @Override
    public CompletableFuture<Void> sendText(CharSequence text) {
        String s = text.toString();
        return engine.send(Utf8Length.of(s), false, c -> c.sendText(s));
    }

    @Override
    public CompletableFuture<Void> sendBinary(ByteBuffer data) {
        return engine.send(data.remaining(), false, c -> c.sendBinary(data));
    }

    @Override
    public CompletableFuture<Void> sendBinary(byte[] data) {
        return sendBinary(ByteBuffer.wrap(data));
    }

    @Override
    public CompletableFuture<Void> sendFragment(boolean text, ByteBuffer payload, boolean last) {
        return engine.send(payload.remaining(), false, c -> c.sendFragment(text, payload, last));
    }

    @Override
    public CompletableFuture<Void> ping(ByteBuffer payload) {
        return engine.send(0, true, c -> c.sendPing(payload));
    }

    @Override
    public CompletableFuture<Void> pong(ByteBuffer payload) {
        return engine.send(0, true, c -> c.sendPong(payload));
    }

    @Override
    public CompletableFuture<WsCloseStatus> close(int code, String reason) {
        engine.close(code, reason);
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

    // ---- SessionTimers.Target -------------------------------------------------------------------

    @Override
    public void idleTimeoutExpired() {
        close(CloseCodes.GOING_AWAY, "idle timeout");
    }

    @Override
    public void sendKeepAlivePing() {
        ping(ByteBuffer.allocate(0));
    }

    /**
     * The peer did not answer a keepalive ping within the pong timeout: our Close (1011) goes out in
     * case only the peer's direction is stuck, and the socket is cut at once rather than after the close
     * timeout, since nothing will answer it; the session ends with 1011.
     */
    @Override
    public void keepAliveUnanswered() {
        pongMissing = true;
        safely(() -> close(CloseCodes.INTERNAL_ERROR, "no pong"));
        drop(pongReason());
    }

    private String pongReason() {
        Duration pong = config.pongTimeout();
        long millis = pong.isZero() || pong.compareTo(config.pingInterval()) > 0 ? config.pingInterval().toMillis() : pong.toMillis();
        return "no pong within " + millis + " ms of a keepalive ping";
    }

    @Override
    public void closeTimeoutExpired() {
        drop("close timeout: the closing handshake did not finish");
    }

    // ---- internals -------------------------------------------------------------------------------

    private void writeFailed(IOException e) {
        noteIoError(e);
        noteDrop("write failed: " + e.getMessage());
        closeQuietly(socket);
    }

    /** Cuts the connection on purpose (abort, timeouts): no error is reported, the status is 1006. */
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

    private synchronized void noteIoError(IOException e) {
        if (!dropped && ioError == null) {
            ioError = e;
        }
    }

    private void joinWriter() {
        Thread thread = writer;
        if (thread == null) {
            return;
        }
        try {
            thread.join(config.closeTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException ignored) {
            // a listener failing while the session ends changes nothing: it is over
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
