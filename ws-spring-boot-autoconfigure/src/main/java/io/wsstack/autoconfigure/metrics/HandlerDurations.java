package io.wsstack.autoconfigure.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code ws.handler.duration} of one endpoint and outcome, in one of two forms.
 *
 * <p><b>Summed</b> (the default): a {@link FunctionTimer} reading a call count and total time that
 * the sessions add to once per read batch or lane run ({@link #recordAll}), plus the gauge
 * {@code ws.handler.duration.max} (the longest call of the last two minutes or so, kept as a Timer
 * keeps its max, {@link DecayingMax}, but on the session's clock reading instead of one of its own).
 * A {@link Timer} costs a count, a total and a time-window max per call, the last reading the wall
 * clock each time; on small pipelined messages that was most of what the meters cost. Summed, a
 * read batch costs two adders and the max, and no clock read of the meter's own. Count, sum
 * and mean read exactly as before; only the max has a name of its own.
 *
 * <p><b>Per call</b>: when the application asked for a histogram, percentiles or SLO buckets for
 * {@code ws.handler.duration} (e.g. {@code management.metrics.distribution.percentiles-histogram}),
 * a distribution cannot be fed totals, so the Micrometer {@link Timer} stays and gets every call.
 * Which form applies is decided once, by registering the Timer and looking at what it publishes.
 * The gauge {@code ws.handler.duration.max} is there in both forms (here it reads the Timer's max),
 * so that a dashboard reads the max under one name either way.
 *
 * <p>One instance per registry and meter id, shared by every observer on that registry, so that two
 * observers never publish two accumulators under one name.
 */
final class HandlerDurations {

    /** Per registry, by endpoint and outcome (the tags we give, before the registry's filters add any). */
    private static final Map<MeterRegistry, Map<String, HandlerDurations>> SHARED =
            Collections.synchronizedMap(new WeakHashMap<>());

    /** The Timer that gets every call, or {@code null} when calls are summed. */
    private final Timer perCall;
    private final LongAdder count = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final DecayingMax max;
    private final Clock clock;

    private HandlerDurations(Timer perCall, DecayingMax max, Clock clock) {
        this.clock = clock;
        this.perCall = perCall;
        this.max = max;
    }

    /** The meter of this endpoint and outcome, registered (and its form chosen) on first call. */
    static HandlerDurations register(MeterRegistry registry, String endpoint, String outcome) {
        Tags tags = Tags.of(WsMeterNames.ENDPOINT, endpoint, WsMeterNames.OUTCOME, outcome);
        // Registration is rare (once per endpoint and outcome): one lock keeps the probe and its
        // replacement from interleaving with another thread's.
        synchronized (SHARED) {
            Map<String, HandlerDurations> ofRegistry = SHARED.computeIfAbsent(registry, r -> new HashMap<>());
            String key = endpoint + '\n' + outcome;
            HandlerDurations known = ofRegistry.get(key);
            if (known != null) {
                return known;
            }
            Timer timer = Timer.builder(WsMeterNames.HANDLER_DURATION)
                    .description("Time spent in the endpoint's handler")
                    .tags(tags)
                    .register(registry);
            HandlerDurations durations;
            if (publishesDistribution(timer)) {
                durations = new HandlerDurations(timer, null, registry.config().clock());
            } else {
                registry.remove(timer);
                // The window a Timer's max has by default (two minutes in three steps).
                Clock clock = registry.config().clock();
                DistributionStatisticConfig window = DistributionStatisticConfig.DEFAULT;
                durations = new HandlerDurations(null, new DecayingMax(clock::monotonicTime,
                        window.getExpiry().toNanos(), window.getBufferLength()), clock);
                FunctionTimer.builder(WsMeterNames.HANDLER_DURATION, durations, HandlerDurations::count,
                                HandlerDurations::totalNanos, TimeUnit.NANOSECONDS)
                        .description("Time spent in the endpoint's handler")
                        .tags(tags)
                        .register(registry);
            }
            // In both forms, so that dashboards read one name whether or not a histogram is configured.
            TimeGauge.builder(WsMeterNames.HANDLER_DURATION_MAX, durations, TimeUnit.NANOSECONDS,
                            HandlerDurations::maxNanos)
                    .description("Longest handler call of the last few minutes")
                    .tags(tags)
                    .strongReference(true)
                    .register(registry);
            ofRegistry.put(key, durations);
            return durations;
        }
    }

    /**
     * Whether the application configured a distribution (histogram buckets, percentiles) for this
     * Timer: then it must see every call. A registry that denied the meter hands a no-op Timer, which
     * publishes none.
     */
    private static boolean publishesDistribution(Timer timer) {
        HistogramSnapshot snapshot = timer.takeSnapshot();
        return snapshot.histogramCounts().length > 0 || snapshot.percentileValues().length > 0;
    }

    /** Whether calls may come as totals ({@link #recordAll}); false when a distribution needs each call. */
    boolean takesTotals() {
        return perCall == null;
    }

    /** One call of this many nanoseconds (a call outside a read batch: a clock read of its own). */
    void record(long nanos) {
        if (perCall != null) {
            perCall.record(nanos, TimeUnit.NANOSECONDS);
        } else {
            recordAll(1, nanos, nanos, clock.monotonicTime());
        }
    }

    /**
     * {@code calls} calls that took {@code nanos} in all, the longest {@code longestNanos}, the last
     * ending at {@code endNanos} (the caller's {@code System.nanoTime()} reading): no clock read here.
     * Only when {@link #takesTotals()}.
     */
    void recordAll(long calls, long nanos, long longestNanos, long endNanos) {
        count.add(calls);
        totalNanos.add(nanos);
        max.record(longestNanos, endNanos);
    }

    private long count() {
        return count.sum();
    }

    private double totalNanos() {
        return totalNanos.sum();
    }

    private double maxNanos() {
        return perCall != null ? perCall.max(TimeUnit.NANOSECONDS) : max.poll();
    }
}
