package io.wsstack.spring.servlet;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.Connection;
import io.wsstack.core.ConnectionSettings;
import io.wsstack.core.PreparedMessage;
import io.wsstack.core.Role;
import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.extension.MessageCompression;
import io.wsstack.core.session.FrameBufferPool;
import io.wsstack.core.session.InboundEvent;
import io.wsstack.core.session.SessionTimers;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.SendBufferOverflowPolicy;
import io.wsstack.spring.WsEndpointSettings;
import io.wsstack.spring.WsObserver;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * A session of the servlet transport: the {@link io.wsstack.spring.WsSession} that application code
 * uses, wrapped around one engine {@link Connection}, over whichever {@link FrameTransport} the
 * container's upgrade gave (its servlet streams, or Jetty's own connection).
 *
 * <p>Two locks, never held while application code runs or futures complete. The engine is not
 * thread-safe: decoding, its automatic pongs and Close frames, and our pings and Close happen under
 * the engine lock, the {@link SessionLifecycle}'s monitor. Data messages do not pass through the
 * engine: the {@link FrameWriter} encodes (and compresses) them under its own monitor, so a send from another thread never waits for
 * the reader to decode, and the reader never waits for a compressor. Send-buffer limits are checked
 * before a message is encoded, so a refused message never advances a compression context. Both
 * locks are object monitors rather than {@code ReentrantLock}s: neither is held across anything that
 * blocks, and an uncontended monitor costs an idle session no object of its own.
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
    private final InboundEvent inbound = new InboundEvent(false);
    private final FrameWriter writer;
    private final SessionTimers timers;
    private final SessionLifecycle lifecycle;
    private final Connection connection;
    /** The observers bound to this session's endpoint once, so that a message costs no lookup. */
    private final WsObserver.EndpointObserver meters;
    private final FrameTransport transport;
    /**
     * The session's attributes: the handshake's map when interceptors seeded some, else made by the
     * first {@link #attributes()} call, so that the many sessions that never use attributes hold no
     * map while idle.
     */
    private volatile Map<String, Object> attributes;
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<ServletWsSession, Map> ATTRIBUTES =
            AtomicReferenceFieldUpdater.newUpdater(ServletWsSession.class, Map.class, "attributes");


    private ServletWsSession(String id, SessionSetup setup, FrameTransport transport) {
        this.id = id;
        this.setup = setup;
        this.settings = setup.endpoint().settings();
        this.transport = transport;
        this.attributes = setup.attributes();
        this.context = setup.context();
        this.meters = context.observer().bind(settings.name());
        this.lifecycle = new SessionLifecycle(this, setup, transport, inbound, meters);
        this.writer = new FrameWriter(settings.name(), context.observer(), lifecycle, setup.compression(),
                transport.buffersFreeWhenReady() ? FrameBufferPool.SHARED : FrameBufferPool.UNPOOLED);
        this.timers = new SessionTimers(context.timerRules().apply(settings), lifecycle);
        ConnectionSettings limits = context.engineSettings().apply(settings);
        if (transport.handlerLane() != null) {
            // Decoded ahead of the handlers: the Close the engine owes waits for the handlers before it (see SessionLifecycle).
            limits = limits.holdingOwedClose();
        }
        this.connection = new Connection(Role.SERVER, limits, setup.compression(), null, inbound, lifecycle);
        lifecycle.bind(connection, writer, timers);
    }

    /**
     * Opens a session on an upgraded connection: writing, registry, timers, {@code onOpen}, then
     * reading. If opening fails the connection is dropped and the session reports 1006.
     */
    static ServletWsSession open(SessionSetup setup, FrameTransport transport) {
        ServletWsSession session = create(setup, transport);
        session.start();
        return session;
    }

    /** A session on an upgraded connection, not opened yet: {@link #start()} opens it (on a thread of the caller's choosing). */
    static ServletWsSession create(SessionSetup setup, FrameTransport transport) {
        return new ServletWsSession(ID_PREFIX + Long.toHexString(ID_COUNTER.incrementAndGet()), setup, transport);
    }

    /**
     * Opens the session made by {@link #create}: writing, registry, timers, {@code onOpen}, then
     * reading. If opening fails the connection is dropped and the session reports 1006.
     */
    void start() {
        try {
            lifecycle.open();
        } catch (IOException | RuntimeException e) {
            log.debug("Opening WebSocket session on endpoint '" + setup.endpoint().name() + "' failed", e);
            lifecycle.destroyed();
        }
    }

    SessionLifecycle lifecycle() {
        return lifecycle;
    }

    // ---- sending -------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> sendText(String text) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        send(FrameWriter.TEXT, MessageType.TEXT, text, text.length(), future);
        return future;
    }

    @Override
    public void sendTextAndForget(String text) {
        send(FrameWriter.TEXT, MessageType.TEXT, text, text.length(), null);
    }

    @Override
    public CompletableFuture<Void> sendBinary(ByteBuffer data) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        send(FrameWriter.BINARY, MessageType.BINARY, data, data.remaining(), future);
        return future;
    }

    @Override
    public void sendBinaryAndForget(ByteBuffer data, boolean handedOver) {
        send(handedOver ? FrameWriter.BINARY_HANDED_OVER : FrameWriter.BINARY, MessageType.BINARY, data, data.remaining(), null);
    }

    @Override
    public CompletableFuture<Void> sendPrepared(PreparedMessage message) {
        ByteBuffer frames = message.frames();
        MessageType type = (frames.get(frames.position()) & 0x0F) == 1 ? MessageType.TEXT : MessageType.BINARY;
        CompletableFuture<Void> future = new CompletableFuture<>();
        if (message.compressed() && setup.compression() == null) {
            future.completeExceptionally(new IllegalStateException(
                    "compressed prepared message on a connection without permessage-deflate"));
            return future;
        }
        send(FrameWriter.ENCODED, type, frames, message.payloadLength(), future);
        return future;
    }

    /**
     * Encodes and queues one data message unless the send buffer is full; the writer encodes it
     * under its own lock, never under the engine lock the reader decodes with. The estimate is the
     * payload size (for a text its length in chars, a lower bound of its UTF-8 length that costs no
     * pass over it); a message is always accepted into an empty queue, so one larger than the
     * limit can still be sent.
     *
     * @param future completed once written, or {@code null} when nobody waits (a handler's return
     *               value): then a refused message is only counted
     */
    private void send(int kind, MessageType type, Object payload, long estimate, CompletableFuture<Void> future) {
        long queued;
        if (!lifecycle.canSend()) {
            queued = FrameWriter.REFUSED_CLOSED;
        } else {
            try {
                queued = writer.queueMessage(kind, payload, estimate, settings.maxSendBuffer(), future);
            } catch (RuntimeException e) {
                // The compressor failed; the application learns it from the future.
                if (future != null) {
                    future.completeExceptionally(e);
                }
                return;
            }
        }
        if (queued == FrameWriter.REFUSED_CLOSED) {
            if (future != null) {
                future.completeExceptionally(SessionLifecycle.closedError());
            }
            return;
        }
        if (queued == FrameWriter.REFUSED_FULL) {
            if (future != null) {
                future.completeExceptionally(new SendBufferOverflowException(settings.maxSendBuffer()));
            }
            if (settings.overflowPolicy() == SendBufferOverflowPolicy.CLOSE) {
                meters.slowConsumer(SlowConsumerAction.CLOSED);
                writer.discardData(new SendBufferOverflowException(settings.maxSendBuffer()));
                lifecycle.startClose(CloseCodes.POLICY_VIOLATION, "send buffer full");
            } else {
                meters.slowConsumer(SlowConsumerAction.DROPPED);
            }
            return;
        }
        if (!lifecycle.countSent(type, FrameWriter.payloadBytes(queued), FrameWriter.wireBytes(queued))
                && !transport.deferFlush()) {
            // A handler answering a read is flushed with the rest of the batch, once.
            writer.flush();
        }
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
     * Compression runs under the writer's lock because the compressor is this session's and sends
     * use it there.
     */
    @Override
    public PreparedMessage prepare(boolean text, ByteBuffer payload) {
        MessageCompression compression = setup.compression();
        if (compression == null) {
            return PreparedMessage.of(text, payload, false);
        }
        return writer.underLock(() -> {
            // A plain message is valid for every session (RSV1 clear), so it is the answer when this
            // session's compressor is gone or the message is below the threshold.
            if (writer.isFailed() || lifecycle.isDropped() || !compression.shouldCompress(payload.remaining())) {
                return PreparedMessage.of(text, payload, false);
            }
            return PreparedMessage.of(text, compression.compress(payload.duplicate(), true), true);
        });
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
        Map<String, Object> current = attributes;
        if (current == null) {
            // Two threads asking at once both get the map that won.
            ATTRIBUTES.compareAndSet(this, null, new ConcurrentHashMap<String, Object>());
            current = attributes;
        }
        return current;
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
