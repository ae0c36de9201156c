package io.wsstack.autoconfigure.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.wsstack.spring.WsObserver;
import io.wsstack.spring.WsObserver.MessageType;
import io.wsstack.spring.WsObserver.RefusalReason;
import io.wsstack.spring.WsObserver.SlowConsumerAction;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every meter of one endpoint, each built once (on first use) and then updated without a registry
 * lookup. The two gauges read {@link AtomicLong}s that this holder owns.
 */
final class EndpointMeters implements WsObserver.EndpointObserver {

    private final MeterRegistry registry;
    private final String endpoint;
    private final AtomicLong activeSessions = new AtomicLong();
    private final AtomicLong queuedBytes = new AtomicLong();
    private volatile boolean gaugesRegistered;

    private final MeterSlots<Counter> opened;
    private final MeterSlots<Counter> closed;
    private final MeterSlots<Counter> refused;
    private final MeterSlots<Counter> protocolErrors;
    private final MeterSlots<Counter> slowConsumer;
    /** {@code ws.handler.duration} by outcome, built on first use (racing threads get the same one). */
    private volatile HandlerDurations handlerSucceeded;
    private volatile HandlerDurations handlerFailed;
    private final TrafficMeters received;
    private final TrafficMeters sent;

    EndpointMeters(MeterRegistry registry, String endpoint) {
        this.registry = registry;
        this.endpoint = endpoint;
        this.opened = new MeterSlots<>(2, compressed -> counter(WsMeterNames.SESSIONS_OPENED, "Sessions opened")
                .tag(WsMeterNames.COMPRESSED, Boolean.toString(compressed == 1))
                .register(registry));
        this.closed = new MeterSlots<>(CloseCodeTags.SIZE, code -> counter(WsMeterNames.SESSIONS_CLOSED,
                "Sessions ended, by close code (1006: connection lost)")
                .tag(WsMeterNames.CODE, CloseCodeTags.value(code))
                .register(registry));
        this.refused = new MeterSlots<>(RefusalReason.values().length, reason -> counter(WsMeterNames.HANDSHAKES_REFUSED,
                "Upgrade requests refused")
                .tag(WsMeterNames.REASON, RefusalReason.values()[reason].name().toLowerCase(Locale.ROOT))
                .register(registry));
        this.protocolErrors = new MeterSlots<>(CloseCodeTags.SIZE, code -> counter(WsMeterNames.PROTOCOL_ERRORS,
                "Sessions failed because the peer broke a protocol rule, by close code")
                .tag(WsMeterNames.CODE, CloseCodeTags.value(code))
                .register(registry));
        this.slowConsumer = new MeterSlots<>(SlowConsumerAction.values().length, action -> counter(
                WsMeterNames.SLOW_CONSUMER_ACTIONS, "Send-buffer overflows of slow peers")
                .tag(WsMeterNames.ACTION, SlowConsumerAction.values()[action].name().toLowerCase(Locale.ROOT))
                .register(registry));
        this.received = TrafficMeters.received(registry, endpoint);
        this.sent = TrafficMeters.sent(registry, endpoint);
    }

    /**
     * Publishes the two gauges. Called at once for configured endpoints, so that dashboards show
     * zero rather than nothing, and on first use for the catch-all holder.
     */
    void registerGauges() {
        if (gaugesRegistered) {
            return;
        }
        Gauge.builder(WsMeterNames.SESSIONS_ACTIVE, activeSessions, AtomicLong::get)
                .description("Sessions open now")
                .tag(WsMeterNames.ENDPOINT, endpoint)
                .strongReference(true)
                .register(registry);
        Gauge.builder(WsMeterNames.OUTBOUND_QUEUED, queuedBytes, AtomicLong::get)
                .description("Outbound bytes queued for slow peers")
                .baseUnit("bytes")
                .tag(WsMeterNames.ENDPOINT, endpoint)
                .strongReference(true)
                .register(registry);
        gaugesRegistered = true;
    }

    void sessionOpened(boolean compressed) {
        registerGauges();
        activeSessions.incrementAndGet();
        opened.get(compressed ? 1 : 0).increment();
    }

    void sessionClosed(int closeCode) {
        registerGauges();
        activeSessions.decrementAndGet();
        closed.get(CloseCodeTags.index(closeCode)).increment();
    }

    void handshakeRefused(RefusalReason reason) {
        refused.get(reason.ordinal()).increment();
    }

    @Override
    public void messageReceived(MessageType type, long payloadBytes, long wireBytes) {
        received.record(type, payloadBytes, wireBytes);
    }

    @Override
    public void messageSent(MessageType type, long payloadBytes, long wireBytes) {
        sent.record(type, payloadBytes, wireBytes);
    }

    /** Counters only sum: a read batch's messages may come as totals. */
    @Override
    public boolean takesTotals() {
        return true;
    }

    @Override
    public void messagesReceived(MessageType type, long count, long payloadBytes, long wireBytes) {
        received.record(type, count, payloadBytes, wireBytes);
    }

    @Override
    public void messagesSent(MessageType type, long count, long payloadBytes, long wireBytes) {
        sent.record(type, count, payloadBytes, wireBytes);
    }

    @Override
    public void handlerInvoked(long nanos, boolean failed) {
        (failed ? handlerFailed() : handlerSucceeded()).record(nanos);
    }

    /**
     * Handler calls that returned normally may come summed per read batch, unless a distribution
     * (histogram, percentiles) was configured for {@code ws.handler.duration}: that needs each call.
     */
    @Override
    public boolean takesHandlerTotals() {
        return handlerSucceeded().takesTotals();
    }

    @Override
    public void handlersInvoked(long count, long totalNanos, long maxNanos, long endNanos) {
        handlerSucceeded().recordAll(count, totalNanos, maxNanos, endNanos);
    }

    private HandlerDurations handlerSucceeded() {
        HandlerDurations durations = handlerSucceeded;
        if (durations == null) {
            durations = HandlerDurations.register(registry, endpoint, "success");
            handlerSucceeded = durations;
        }
        return durations;
    }

    private HandlerDurations handlerFailed() {
        HandlerDurations durations = handlerFailed;
        if (durations == null) {
            durations = HandlerDurations.register(registry, endpoint, "error");
            handlerFailed = durations;
        }
        return durations;
    }

    void outboundQueueChanged(long delta) {
        registerGauges();
        queuedBytes.addAndGet(delta);
    }

    @Override
    public void slowConsumer(SlowConsumerAction action) {
        slowConsumer.get(action.ordinal()).increment();
    }

    void protocolError(int closeCode) {
        protocolErrors.get(CloseCodeTags.index(closeCode)).increment();
    }

    private Counter.Builder counter(String name, String description) {
        return Counter.builder(name).description(description).tag(WsMeterNames.ENDPOINT, endpoint);
    }
}
