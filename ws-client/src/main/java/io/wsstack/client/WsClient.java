package io.wsstack.client;

import io.wsstack.core.ClientUpgrade;
import io.wsstack.core.ConnectionSettings;
import io.wsstack.core.MaskKeySource;
import io.wsstack.core.deflate.ClientDeflateNegotiator;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.handshake.ClientHandshake;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * A WebSocket client with real I/O for {@code ws://} and {@code wss://} URIs (RFC 6455), with
 * permessage-deflate (RFC 7692), built on the {@code ws-core} engine. Thread-safe and reusable: one
 * instance opens any number of sessions; {@link #close()} it when done.
 *
 * <pre>{@code
 * try (WsClient client = WsClient.builder().build()) {
 *     WsClientSession session = client.connect(URI.create("wss://example.com/chat"),
 *             WsClientRequest.builder(listener).subprotocol("chat").header("Origin", "https://example.com").build())
 *         .get(10, TimeUnit.SECONDS);
 *     session.sendText("hello");
 * }
 * }</pre>
 *
 * <p><b>Design.</b> Each session uses blocking sockets ({@code Socket}, {@code SSLSocket} for wss)
 * with two threads: a reader that connects, performs the TLS and WebSocket handshakes, then reads,
 * feeds the engine and calls the listener; and a writer that drains a bounded per-session queue.
 * One timer thread per client runs the handshake deadline, idle timeout, pings and close timeout.
 * This was chosen over one NIO selector thread with an {@code SSLEngine} because it is far simpler
 * to get right — TLS included, through the JDK's own {@code SSLSocket} — and the cost, two mostly
 * parked threads per connection, is acceptable for a client, which holds tens or hundreds of
 * connections rather than the tens of thousands a server does. Sends never block the caller: the
 * engine encodes on the calling thread under a short per-session lock (never held during I/O or
 * listener calls) and the writer does the blocking writes, so a slow server costs queue space,
 * which is bounded, and never an application thread.
 *
 * <p><b>Redirects are not followed.</b> A 3xx answer to the upgrade fails the attempt with a
 * {@link io.wsstack.core.handshake.HandshakeFailedException} of reason {@code NOT_101} carrying the
 * status; an application that wants to follow one must decide itself which headers (never
 * {@code Authorization} or cookies to another host) go to the new location.
 */
public final class WsClient implements AutoCloseable {

    private final ClientConfig config;
    private final ClientDeflateNegotiator deflate;
    private final ScheduledThreadPoolExecutor timers;
    private final Set<SocketSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closed;

    private WsClient(ClientConfig config) {
        this.config = config;
        this.deflate = config.deflate() == null ? null : new ClientDeflateNegotiator(config.deflate());
        this.timers = new ScheduledThreadPoolExecutor(1, named(config.threadFactory(), "wsclient-timer"));
        this.timers.setRemoveOnCancelPolicy(true);
    }

    /** A builder with the defaults listed on each of its methods. */
    public static Builder builder() {
        return new Builder();
    }

    /** Opens a session; see {@link #connect(URI, WsClientRequest)}. */
    public CompletableFuture<WsClientSession> connect(URI uri, WsClientListener listener) {
        return connect(uri, WsClientRequest.of(listener));
    }

    /**
     * Opens a session to a {@code ws://} or {@code wss://} URI. The connection, the TLS handshake and
     * the WebSocket upgrade happen on the session's own reader thread; this method does not block.
     *
     * <p>The future completes with the open session (after {@link WsClientListener#onOpen}), or fails
     * with: a {@link io.wsstack.core.handshake.HandshakeFailedException} when the server's answer is
     * not a valid 101 (its {@code status()} holds the status of a refusal such as 403 or a redirect);
     * a {@link io.wsstack.core.deflate.DeflateNegotiationException} when the server's
     * permessage-deflate answer is unacceptable (RFC 7692 §5); a {@link java.net.SocketTimeoutException}
     * when the connect or handshake timeout passed; another {@link java.io.IOException} for network and
     * TLS failures. Cancelling the future aborts the attempt.
     *
     * @throws IllegalArgumentException for a URI that is not ws/wss, has a fragment or user info, or
     *                                  for a subprotocol or header the handshake does not allow
     * @throws IllegalStateException    when the client is closed
     */
    public CompletableFuture<WsClientSession> connect(URI uri, WsClientRequest request) {
        Objects.requireNonNull(request, "request");
        if (closed) {
            throw new IllegalStateException("the client is closed");
        }
        ClientHandshake.Builder handshake = ClientHandshake.builder(uri);
        request.subprotocols().forEach(handshake::addProtocol);
        for (Map.Entry<String, String> header : request.headers()) {
            handshake.header(header.getKey(), header.getValue());
        }
        ClientUpgrade upgrade = ClientUpgrade.start(handshake, deflate);
        SocketSession session = new SocketSession(ids.incrementAndGet(), uri, request.listener(), upgrade, config,
                timers, sessions::remove);
        sessions.add(session);
        if (closed) {
            session.abort();
        }
        return session.start();
    }

    /** Sessions opening or open right now. */
    public int sessionCount() {
        return sessions.size();
    }

    /**
     * Aborts every session still opening or open (their status is 1006; close them first for a clean
     * closing handshake), stops the timer thread and ends pooled compressors. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        for (SocketSession session : sessions) {
            session.abort();
        }
        timers.shutdownNow();
        if (deflate != null) {
            deflate.close();
        }
    }

    static ThreadFactory named(ThreadFactory factory, String name) {
        return task -> {
            Thread thread = factory.newThread(task);
            thread.setName(name);
            return thread;
        };
    }

    /** Builds a {@link WsClient}. Every setter checks its argument at once. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private ConnectionSettings settings = ConnectionSettings.DEFAULTS;
        private DeflateOptions deflate = DeflateOptions.defaults();
        private long maxSendBuffer = 1 << 20;
        private Duration idleTimeout = Duration.ZERO;
        private Duration pingInterval = Duration.ZERO;
        private Duration closeTimeout = Duration.ofSeconds(10);
        private SSLContext sslContext;
        private ThreadFactory threadFactory = Builder::daemonThread;
        private MaskKeySource maskKeys = MaskKeySource.secureRandom();

        private Builder() {
        }

        /** Deadline for establishing the TCP connection. Default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Deadline for the whole handshake after TCP connected: TLS, the upgrade request and the 101
         * response, however slowly the server trickles it. Default 10 s.
         */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = positive(timeout, "handshakeTimeout");
            return this;
        }

        /**
         * Limits for what the server sends (frame size, message size after inflation, fragments per
         * message), auto-pong and streaming delivery. Default {@link ConnectionSettings#DEFAULTS}
         * (1 MiB frames and messages).
         */
        public Builder connectionSettings(ConnectionSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Offers permessage-deflate (RFC 7692) with these options. Default {@link DeflateOptions#defaults()}. */
        public Builder permessageDeflate(DeflateOptions options) {
            this.deflate = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Offers no compression extension. */
        public Builder noCompression() {
            this.deflate = null;
            return this;
        }

        /**
         * Most bytes of messages a session keeps queued for a slow server: a send is refused with
         * {@link SendBufferFullException} when bytes are queued and it would take them beyond this
         * (a message into an empty queue always goes). Default 1 MiB.
         */
        public Builder maxSendBuffer(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxSendBuffer must be positive: " + bytes);
            }
            this.maxSendBuffer = bytes;
            return this;
        }

        /**
         * Closes a session with 1001 (going away) when nothing arrived for this long, which detects
         * half-open connections together with {@link #pingInterval}. Zero (the default) turns it off.
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = notNegative(timeout, "idleTimeout");
            return this;
        }

        /**
         * Pings the server this often (RFC 6455 §5.5.2); a ping still unanswered when the next one is
         * due closes the session with 1011, as the server side does. Zero (the default) turns it off.
         */
        public Builder pingInterval(Duration interval) {
            this.pingInterval = notNegative(interval, "pingInterval");
            return this;
        }

        /**
         * How long to wait, once a Close frame was sent or received, for the closing handshake to
         * finish and the server to close TCP; then the connection is dropped (status 1006 if the
         * server never answered). Default 10 s.
         */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = positive(timeout, "closeTimeout");
            return this;
        }

        /** TLS settings for {@code wss://}. Default: the JVM's default context. Host names are always verified. */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /** Makes the reader, writer and timer threads. Default: daemon threads. */
        public Builder threadFactory(ThreadFactory factory) {
            this.threadFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** Source of the masking keys of outgoing frames (RFC 6455 §5.3). Default: {@code SecureRandom}. */
        public Builder maskKeys(MaskKeySource keys) {
            this.maskKeys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** A client with these settings; it owns a timer thread until {@link WsClient#close()}. */
        public WsClient build() {
            return new WsClient(new ClientConfig(connectTimeout, handshakeTimeout, settings, deflate, maxSendBuffer,
                    idleTimeout, pingInterval, closeTimeout, sslContext, threadFactory, maskKeys));
        }

        private static Thread daemonThread(Runnable task) {
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }

        private static Duration notNegative(Duration d, String name) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + d);
            }
            return d;
        }
    }
}
