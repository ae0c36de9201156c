package io.wsstack.sample.stats;

import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the cumulative {@code ws.*} meters into rates: each {@link #sample} reads every endpoint's
 * totals and divides what changed since the previous sample by the time that passed. It also keeps
 * the close-code changes of the last {@value #RECENT_SAMPLES} samples, so the page can show which
 * codes sessions ended with lately rather than since start.
 *
 * <p>Not thread-safe: one scheduler thread samples.
 */
final class StatsSampler {

    /** How many samples the "recent closes" window spans (a minute at one sample a second). */
    static final int RECENT_SAMPLES = 60;

    private final MeterRegistry registry;
    private final Map<String, String> endpoints;
    private final Map<String, EndpointTotals> previous = new HashMap<>();
    private final Map<String, Deque<Map<String, Long>>> recentCloses = new HashMap<>();
    private long previousNanos;

    /**
     * @param endpoints endpoint names to their paths, in the order the page lists them
     */
    StatsSampler(MeterRegistry registry, Map<String, String> endpoints, long nowNanos) {
        this.registry = registry;
        this.endpoints = new LinkedHashMap<>(endpoints);
        for (String name : endpoints.keySet()) {
            previous.put(name, EndpointTotals.read(registry, name));
            recentCloses.put(name, new ArrayDeque<>());
        }
        this.previousNanos = nowNanos;
    }

    /** Reads the meters now and returns the rates since the previous call (or since construction). */
    ServerStats sample(long nowNanos, long epochMillis) {
        double seconds = Math.max(nowNanos - previousNanos, 1) / 1e9;
        previousNanos = nowNanos;
        List<EndpointStats> stats = new ArrayList<>(endpoints.size());
        endpoints.forEach((name, path) -> {
            EndpointTotals now = EndpointTotals.read(registry, name);
            EndpointTotals before = previous.put(name, now);
            stats.add(stats(name, path, before == null ? EndpointTotals.NONE : before, now, seconds));
        });
        return new ServerStats(epochMillis, List.copyOf(stats));
    }

    private EndpointStats stats(String name, String path, EndpointTotals before, EndpointTotals now, double seconds) {
        long calls = now.handlerCalls() - before.handlerCalls();
        double handlerMicros = calls > 0 ? (now.handlerNanos() - before.handlerNanos()) / calls / 1_000 : 0;
        return new EndpointStats(name, path, now.sessions(),
                rate(before.messagesIn(), now.messagesIn(), seconds), rate(before.messagesOut(), now.messagesOut(), seconds),
                rate(before.payloadIn(), now.payloadIn(), seconds), rate(before.payloadOut(), now.payloadOut(), seconds),
                rate(before.wireIn(), now.wireIn(), seconds), rate(before.wireOut(), now.wireOut(), seconds),
                now.payloadIn() + now.payloadOut(), now.wireIn() + now.wireOut(), handlerMicros,
                Math.round(now.refused()), Math.round(now.slowConsumers()),
                recentCloses(name, before.closes(), now.closes()), rounded(now.closes()));
    }

    /** Adds this interval's new closes to the endpoint's window and returns the window's sum. */
    private Map<String, Long> recentCloses(String name, Map<String, Double> before, Map<String, Double> now) {
        Map<String, Long> added = new HashMap<>();
        now.forEach((code, count) -> {
            long delta = Math.round(count - before.getOrDefault(code, 0.0));
            if (delta > 0) {
                added.put(code, delta);
            }
        });
        Deque<Map<String, Long>> window = recentCloses.get(name);
        window.addLast(added);
        while (window.size() > RECENT_SAMPLES) {
            window.removeFirst();
        }
        Map<String, Long> sum = new TreeMap<>();
        window.forEach(interval -> interval.forEach((code, count) -> sum.merge(code, count, Long::sum)));
        return sum;
    }

    private static double rate(double before, double now, double seconds) {
        // A counter never goes down; guard anyway so a replaced registry cannot show negative rates.
        return Math.max(now - before, 0) / seconds;
    }

    private static Map<String, Long> rounded(Map<String, Double> counts) {
        Map<String, Long> result = new TreeMap<>();
        counts.forEach((code, count) -> result.put(code, Math.round(count)));
        return result;
    }
}
