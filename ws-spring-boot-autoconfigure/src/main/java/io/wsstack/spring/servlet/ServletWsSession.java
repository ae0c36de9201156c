package io.wsstack.spring.servlet;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.Connection;
import io.wsstack.core.ConnectionSettings;
import io.wsstack.core.PreparedMessage;
import io.wsstack.core.Role;
import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.extension.MessageCompression;
import io.wsstack.core.session.InboundEvent;
import io.wsstack.core.session.SessionTimers;
import io.wsstack.core.internal.utf8.Utf8Length;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.SendBufferOverflowPolicy;
import io.wsstack.spring.WsEndpointSettings;
import io.wsstack.spring.WsObserver.MessageType;
import io.wsstack.spring.WsObserver.SlowConsumerAction;
import io.wsstack.spring.WsSessionRegistry;
import io.wsstack.spring.transport.FrameSharing;
import io.wsstack.spring.transport.TransportSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A session of the servlet transport: the {@link io.wsstack.spring.WsSession} that application code
 * uses, wrapped around one engine {@link Connection}, over whichever {@link FrameTransport} the
 * container's upgrade gave (its servlet streams, or Jetty's own connection).
 *
 * <p>The engine is not thread-safe, so every engine call (reads from the container thread, sends
 * from any thread, timer pings) happens under {@link #engineLock}; the lock is never held while
 * application code runs or while futures complete. Send-buffer limits are checked before a message
 * is encoded, so a refused message never advances a compression context.
 */
final class ServletWsSession implements TransportSession {

    private static final Log log = LogFactory.getLog(ServletWsSession.class);

    /** Session ids: a random per-process prefix and a counter, unique without the cost of a UUID. */
    private static final String ID_PREFIX = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + "-";
    private static final AtomicLong ID_COUNTER = new AtomicLong();

    private final String id;
    private final SessionSetup setup;
    private final WsEndpointSettings settings;
    private final TransportContext context;
    private final ReentrantLock engineLock = new ReentrantLock();
    private final InboundEvent inbound = new InboundEvent(false);
    private final FrameWriter writer;
    private final SessionTimers timers;
    private final SessionLifecycle lifecycle;
    private final Connection connection;

    /** The future of the message being encoded; read by the frame sink; guarded by {@link #engineLock}. */
    private CompletableFuture<Void> encoding;
    /** Wire bytes the sink took for the message being encoded; guarded by {@link #engineLock}. */
    private long encodedBytes;

    private ServletWsSession(String id, SessionSetup setup, FrameTransport transport) {
        this.id = id;
        this.setup = setup;
        this.settings = setup.endpoint().settings();
        this.context = setup.context();
        this.lifecycle = new SessionLifecycle(this, setup, transport, inbound, engineLock);
        this.writer = new FrameWriter(settings.name(), context.observer(), lifecycle);
        this.timers = new SessionTimers(context.scheduler(), context.nanoClock(), settings.idleTimeout(),
                settings.pingInterval(), Duration.ZERO, settings.closeTimeout(), lifecycle);
        ConnectionSettings limits = context.engineSettings().apply(settings);
        this.connection = new Connection(Role.SERVER, limits, setup.compression(), null, inbound, this::acceptFrames);
        lifecycle.bind(connection, writer, timers);
    }

    /**
     * Opens a session on an upgraded connection: writing, registry, timers, {@code onOpen}, then
     * reading. If opening fails the connection is dropped and the session reports 1006.
     */
    static ServletWsSession open(SessionSetup setup, FrameTransport transport) {
        ServletWsSession session = new ServletWsSession(ID_PREFIX + Long.toHexString(ID_COUNTER.incrementAndGet()), setup, transport);
        try {
            session.lifecycle.open();
        } catch (IOException | RuntimeException e) {
            log.debug("Opening WebSocket session on endpoint '" + setup.endpoint().name() + "' failed", e);
            session.lifecycle.destroyed();
        }
        return session;
    }

    SessionLifecycle lifecycle() {
        return lifecycle;
    }

    private void acceptFrames(ByteBuffer frames, boolean control) {
        CompletableFuture<Void> future = control ? null : encoding;
        boolean queued = control ? writer.queueControl(frames, null) : writer.queueData(frames, future);
        if (!control) {
            encodedBytes += frames.remaining();
        }
        if (!queued && future != null) {
            future.completeExceptionally(SessionLifecycle.closedError());
        }
    }

    // ---- sending -------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> sendText(String text) {
        return send(MessageType.TEXT, Utf8Length.of(text), c -> c.sendText(text));
    }

    @Override
    public CompletableFuture<Void> sendBinary(ByteBuffer data) {
        return send(MessageType.BINARY, data.remaining(), c -> c.sendBinary(data));
    }

    @Override
    public CompletableFuture<Void> sendPrepared(PreparedMessage message) {
        ByteBuffer frames = message.frames();
        MessageType type = (frames.get(frames.position()) & 0x0F) == 1 ? MessageType.TEXT : MessageType.BINARY;
        return send(type, message.payloadLength(), c -> c.sendPrepared(message));
    }

    /**
     * Encodes and queues one data message unless the send buffer is full. The estimate is the
     * payload size (a text's UTF-8 length); a message is always accepted into an empty queue, so
     * one larger than the limit can still be sent.
     */
    private CompletableFuture<Void> send(MessageType type, long estimate, Consumer<Connection> encode) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        boolean overflow = false;
        long wire = -1;
        engineLock.lock();
        try {
            if (!lifecycle.canSend()) {
                future.completeExceptionally(SessionLifecycle.closedError());
                return future;
            }
            long queued = writer.queuedBytes();
            if (queued > 0 && queued + estimate > settings.maxSendBuffer()) {
                overflow = true;
            } else {
                encoding = future;
                encodedBytes = 0;
                try {
                    encode.accept(connection);
                    wire = encodedBytes;
                } finally {
                    encoding = null;
                }
            }
        } catch (RuntimeException e) {
            // The engine refuses (Close already sent, payload too large); the application learns it from the future.
            future.completeExceptionally(e);
            return future;
        } finally {
            engineLock.unlock();
        }
        if (overflow) {
            future.completeExceptionally(new SendBufferOverflowException(settings.maxSendBuffer()));
            if (settings.overflowPolicy() == SendBufferOverflowPolicy.CLOSE) {
                context.observer().slowConsumer(settings.name(), SlowConsumerAction.CLOSED);
                writer.discardData(new SendBufferOverflowException(settings.maxSendBuffer()));
                lifecycle.startClose(CloseCodes.POLICY_VIOLATION, "send buffer full");
            } else {
                context.observer().slowConsumer(settings.name(), SlowConsumerAction.DROPPED);
            }
            return future;
        }
        context.observer().messageSent(settings.name(), type, estimate, wire);
        if (!lifecycle.inReadBatch()) {
            // A handler answering a read is flushed with the rest of the batch, once.
            writer.flush();
        }
        return future;
    }

    @Override
    public CompletableFuture<Void> ping(ByteBuffer payload) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        if (lifecycle.sendPing(payload)) {
            future.complete(null);
        } else {
            future.completeExceptionally(SessionLifecycle.closedError());
        }
        return future;
    }

    @Override
    public CompletableFuture<Void> close(WsCloseStatus status) {
        if (!CloseCodes.isValidOnWire(status.code())) {
            throw new IllegalArgumentException("close code " + status.code() + " may not be sent (RFC 6455 §7.4)");
        }
        if (status.reason().getBytes(StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("close reason longer than 123 UTF-8 bytes (RFC 6455 §5.5)");
        }
        lifecycle.startClose(status.code(), status.reason());
        return lifecycle.closedFuture();
    }

    // ---- state and metadata --------------------------------------------------------------------

    @Override
    public FrameSharing frameSharing() {
        if (setup.compression() == null) {
            return FrameSharing.PLAIN;
        }
        return setup.statelessCompression() ? FrameSharing.DEFLATE_STATELESS
                : FrameSharing.NONE;
    }

    /**
     * Encodes a message once for sessions that share this one's {@link #frameSharing()}: deflated
     * (RSV1 set) when compression is negotiated and the size threshold is met, plain otherwise.
     * Compression runs under the engine lock because the compressor is this session's.
     */
    @Override
    public PreparedMessage prepare(boolean text, ByteBuffer payload) {
        MessageCompression compression = setup.compression();
        if (compression == null) {
            return PreparedMessage.of(text, payload, false);
        }
        engineLock.lock();
        try {
            // A plain message is valid for every session (RSV1 clear), so it is the answer when this
            // session's compressor is gone or the message is below the threshold.
            if (lifecycle.isDropped() || !compression.shouldCompress(payload.remaining())) {
                return PreparedMessage.of(text, payload, false);
            }
            return PreparedMessage.of(text, compression.compress(payload.duplicate(), true), true);
        } finally {
            engineLock.unlock();
        }
    }

    @Override
    public long queuedBytes() {
        return writer.queuedBytes();
    }

    @Override
    public long queuedBytesHighWater() {
        return writer.queuedBytesHighWater();
    }

    @Override
    public boolean isOpen() {
        return lifecycle.canSend();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String endpoint() {
        return settings.name();
    }

    @Override
    public String path() {
        return setup.path();
    }

    @Override
    public Map<String, String> pathVariables() {
        return setup.pathVariables();
    }

    @Override
    public Map<String, Object> attributes() {
        return setup.attributes();
    }

    @Override
    public Principal principal() {
        return setup.principal();
    }

    @Override
    public String subprotocol() {
        return setup.subprotocol();
    }

    @Override
    public List<ExtensionOffer> extensions() {
        return setup.extensions();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return setup.remoteAddress();
    }

    @Override
    public String toString() {
        return "WsSession[" + id + ", endpoint=" + settings.name() + "]";
    }
}
