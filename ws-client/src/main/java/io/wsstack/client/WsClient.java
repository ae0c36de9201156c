package io.wsstack.client;

import io.wsstack.core.ClientUpgrade;
import io.wsstack.core.CloseCodes;
import io.wsstack.core.ConnectionSettings;
import io.wsstack.core.MaskKeySource;
import io.wsstack.core.deflate.ClientDeflateNegotiator;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.handshake.ClientHandshake;
import io.wsstack.core.session.SessionScheduler;
import io.wsstack.core.session.SessionTimers;

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
 * to get right — TLS included, through the JDK's own {@code SSLSocket} — and on Java 21 and later
 * both threads are virtual by default, so a parked session costs heap, not platform threads, and one
 * client holds thousands of sessions (on Java 17 they are platform threads). Sends never block the caller: the
 * engine encodes on the calling thread under a short per-session lock (never held during I/O or
 * listener calls) and the writer does the blocking writes, so a slow server costs queue space,
 * which is bounded, and never an application thread.
 *
 * <p><b>Redirects</b> are not followed unless {@link Builder#followRedirects(int)} says so; then never
 * from {@code wss} to {@code ws}, and {@code Authorization} and {@code Cookie} go to the original origin
 * only. <b>Proxies:</b> {@link Builder#proxy(HttpProxy)} tunnels {@code ws} and {@code wss} through an
 * HTTP CONNECT proxy. <b>Staying connected:</b> {@link #connect(URI, WsClientRequest, ReconnectPolicy)}
 * reconnects with backoff; {@link Builder#pongTimeout(Duration)} detects a dead peer.
 */
public final class WsClient implements AutoCloseable {

    private final ClientConfig config;
    private final ClientDeflateNegotiator deflate;
    private final ScheduledThreadPoolExecutor timers;
    /** The sessions' idle, keep-alive and close timeouts, their deadlines in one queue on {@link #timers}. */
    private final SessionTimers.Rules timerRules;
    private final Set<SocketSession> sessions = ConcurrentHashMap.newKeySet();
    private final Set<ReconnectLoop> reconnecting = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closed;

    private WsClient(ClientConfig config) {
        this.config = config;
        this.deflate = config.deflate() == null ? null : new ClientDeflateNegotiator(config.deflate());
        this.timers = new ScheduledThreadPoolExecutor(1, named(config.threadFactory(), "wsclient-timer"));
        this.timers.setRemoveOnCancelPolicy(true);
        this.timerRules = new SessionTimers.Rules(SessionScheduler.of(timers), System::nanoTime, config.idleTimeout(),
                config.pingInterval(), config.pongTimeout(), config.closeTimeout());
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
        if (config.maxRedirects() == 0) {
            return open(uri, request);
        }
        ClientHandshake.builder(uri); // a bad URI is the caller's mistake: thrown here, not through the future
        return Redirects.follow(uri, request, config.maxRedirects(), this::open);
    }

    /** One attempt at one URI. */
    private CompletableFuture<WsClientSession> open(URI uri, WsClientRequest request) {
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
                timers, timerRules, sessions::remove);
        sessions.add(session);
        if (closed) {
            session.abort();
        }
        return session.start();
    }

    /**
     * Opens a session that reconnects by {@code policy} whenever its connection ends in a way the policy
     * retries; see {@link ReconnectingSession}. Returns at once: the first attempt runs in the background
     * and {@link ReconnectingSession#firstOpen()} tells how it went. The request's listener hears every
     * connection ({@code onOpen} after each (re)connect, the place to resubscribe); a
     * {@link ReconnectListener} also hears the scheduled attempts and the end.
     *
     * @throws IllegalArgumentException for a URI or request {@link #connect(URI, WsClientRequest)} rejects
     * @throws IllegalStateException    when the client is closed
     */
    public ReconnectingSession connect(URI uri, WsClientRequest request, ReconnectPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        if (closed) {
            throw new IllegalStateException("the client is closed");
        }
        ClientHandshake.builder(uri); // rejects a bad URI now rather than in the first attempt
        ReconnectLoop[] self = new ReconnectLoop[1];
        ReconnectLoop loop = new ReconnectLoop(uri, request, policy, r -> connect(uri, r), timers,
                () -> reconnecting.remove(self[0]));
        self[0] = loop;
        reconnecting.add(loop);
        return loop.start();
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
        for (ReconnectLoop loop : reconnecting) {
            loop.close(CloseCodes.GOING_AWAY, "client closed");
        }
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
        private ThreadFactory threadFactory = VirtualThreads.defaultFactory();
        private Duration pongTimeout = Duration.ZERO;
        private HttpProxy proxy;
        private int maxRedirects;
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

        /**
         * How long a keepalive ping (see {@link #pingInterval}) may wait for its pong: without one, a
         * Close with 1011 is attempted, the socket is cut at once, and the session ends with status 1011,
         * which a {@link ReconnectPolicy} retries. Zero (the default) means the ping interval; a longer
         * value is capped to it. Detects a peer or a network path that silently died.
         */
        public Builder pongTimeout(Duration timeout) {
            this.pongTimeout = notNegative(timeout, "pongTimeout");
            return this;
        }

        /** Connects through this HTTP CONNECT proxy, except to the hosts it bypasses. Default: direct. */
        public Builder proxy(HttpProxy proxy) {
            this.proxy = Objects.requireNonNull(proxy, "proxy");
            return this;
        }

        /**
         * Follows up to {@code max} redirect answers (301, 302, 303, 307, 308) to the upgrade, never from
         * {@code wss} to {@code ws} and never carrying {@code Authorization} or {@code Cookie} to another
         * origin; see {@link RedirectException}. Zero (the default) follows none: the attempt fails with
         * the redirect's {@link io.wsstack.core.handshake.HandshakeFailedException}.
         */
        public Builder followRedirects(int max) {
            if (max < 0 || max > 20) {
                throw new IllegalArgumentException("followRedirects must be 0..20: " + max);
            }
            this.maxRedirects = max;
            return this;
        }

        /**
         * Makes the reader, writer and timer threads. Default: virtual threads on Java 21 and later (a
         * session then costs no platform thread while it waits), daemon platform threads on Java 17.
         */
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
                    idleTimeout, pingInterval, closeTimeout, sslContext, threadFactory, maskKeys, pongTimeout, proxy,
                    maxRedirects));
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
