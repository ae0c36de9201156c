package io.wsstack.sample.stats;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wsstack.autoconfigure.metrics.WsMeterNames;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The cumulative {@code ws.*} meter values of one endpoint at one moment, summed over their other
 * tags (message type, handler outcome, ...). Two of these a second apart give the rates the page shows.
 *
 * <p>Meters are registered on first use, so a meter that is missing simply counts as zero.
 *
 * @param sessions      sessions open now
 * @param messagesIn    data messages received
 * @param messagesOut   data messages sent
 * @param payloadIn     payload bytes received, after inflation
 * @param payloadOut    payload bytes sent, before compression
 * @param wireIn        frame bytes received on the wire
 * @param wireOut       frame bytes sent on the wire
 * @param handlerCalls  handler invocations
 * @param handlerNanos  time spent in the handler
 * @param refused       upgrade requests refused
 * @param slowConsumers send-buffer overflows
 * @param closes        sessions ended, by close code tag ({@code 1000}, {@code 4xxx}, ...)
 */
record EndpointTotals(long sessions, double messagesIn, double messagesOut, double payloadIn, double payloadOut,
        double wireIn, double wireOut, long handlerCalls, double handlerNanos, double refused, double slowConsumers,
        Map<String, Double> closes) {

    /** Everything zero: what an endpoint looked like before the first sample. */
    static final EndpointTotals NONE = new EndpointTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of());

    /** Reads the endpoint's meters from the registry. */
    static EndpointTotals read(MeterRegistry registry, String endpoint) {
        Gauge active = registry.find(WsMeterNames.SESSIONS_ACTIVE).tag(WsMeterNames.ENDPOINT, endpoint).gauge();
        long handlerCalls = 0;
        double handlerNanos = 0;
        for (Timer timer : registry.find(WsMeterNames.HANDLER_DURATION).tag(WsMeterNames.ENDPOINT, endpoint).timers()) {
            handlerCalls += timer.count();
            handlerNanos += timer.totalTime(TimeUnit.NANOSECONDS);
        }
        // Without a histogram configured, the handler meter is a function timer (calls summed per read batch).
        for (FunctionTimer timer : registry.find(WsMeterNames.HANDLER_DURATION).tag(WsMeterNames.ENDPOINT, endpoint).functionTimers()) {
            handlerCalls += (long) timer.count();
            handlerNanos += timer.totalTime(TimeUnit.NANOSECONDS);
        }
        Map<String, Double> closes = new TreeMap<>();
        for (Counter counter : registry.find(WsMeterNames.SESSIONS_CLOSED).tag(WsMeterNames.ENDPOINT, endpoint).counters()) {
            closes.merge(counter.getId().getTag(WsMeterNames.CODE), counter.count(), Double::sum);
        }
        return new EndpointTotals(active == null ? 0 : Math.round(active.value()),
                sum(registry, WsMeterNames.MESSAGES_RECEIVED, endpoint), sum(registry, WsMeterNames.MESSAGES_SENT, endpoint),
                sum(registry, WsMeterNames.PAYLOAD_RECEIVED, endpoint), sum(registry, WsMeterNames.PAYLOAD_SENT, endpoint),
                sum(registry, WsMeterNames.WIRE_RECEIVED, endpoint), sum(registry, WsMeterNames.WIRE_SENT, endpoint),
                handlerCalls, handlerNanos,
                sum(registry, WsMeterNames.HANDSHAKES_REFUSED, endpoint),
                sum(registry, WsMeterNames.SLOW_CONSUMER_ACTIONS, endpoint),
                Map.copyOf(closes));
    }

    private static double sum(MeterRegistry registry, String name, String endpoint) {
        double total = 0;
        for (Counter counter : registry.find(name).tag(WsMeterNames.ENDPOINT, endpoint).counters()) {
            total += counter.count();
        }
        return total;
    }
}
