package io.wsstack.autoconfigure.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wsstack.spring.cluster.WsCluster;
import io.wsstack.spring.cluster.WsClusterObserver;
import io.wsstack.spring.cluster.WsClusterTarget;

import org.springframework.beans.factory.ObjectProvider;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The cluster's meters: {@code ws.cluster.published}, {@code ws.cluster.received} and
 * {@code ws.cluster.failed} (counters), {@code ws.cluster.delivery.lag} (timer: publish on one
 * instance to arrival on another, across the instances' clocks), {@code ws.cluster.connected}
 * (gauge, 1 or 0). Tagged by the target's kind ({@code endpoint}, {@code group}, {@code user},
 * {@code session}) and, for failures, the reason — never by a group, user or session name.
 */
public final class MicrometerWsClusterObserver implements WsClusterObserver {

    /** Counter: messages handed to the broker, tagged {@code target}. */
    public static final String PUBLISHED = "ws.cluster.published";
    /** Counter: messages received from other instances, tagged {@code target}. */
    public static final String RECEIVED = "ws.cluster.received";
    /** Counter: publishes that reached this instance only, tagged {@code target} and {@code reason}. */
    public static final String FAILED = "ws.cluster.failed";
    /** Timer: from publish to arrival at another instance, tagged {@code target}. */
    public static final String DELIVERY_LAG = "ws.cluster.delivery.lag";
    /** Gauge: 1 while the broker is reachable. */
    public static final String CONNECTED = "ws.cluster.connected";

    private final Map<WsClusterTarget.Kind, Counter> published = new EnumMap<>(WsClusterTarget.Kind.class);
    private final Map<WsClusterTarget.Kind, Counter> received = new EnumMap<>(WsClusterTarget.Kind.class);
    private final Map<WsClusterTarget.Kind, Timer> lag = new EnumMap<>(WsClusterTarget.Kind.class);
    private final Map<WsClusterTarget.Kind, Map<Failure, Counter>> failed = new EnumMap<>(WsClusterTarget.Kind.class);

    public MicrometerWsClusterObserver(MeterRegistry registry, ObjectProvider<WsCluster> cluster) {
        for (WsClusterTarget.Kind kind : WsClusterTarget.Kind.values()) {
            String target = kind.name().toLowerCase(Locale.ROOT);
            published.put(kind, Counter.builder(PUBLISHED).tag("target", target)
                    .description("Messages handed to the cluster broker").register(registry));
            received.put(kind, Counter.builder(RECEIVED).tag("target", target)
                    .description("Messages received from other instances").register(registry));
            lag.put(kind, Timer.builder(DELIVERY_LAG).tag("target", target)
                    .description("Time from publish on one instance to arrival on another").register(registry));
            Map<Failure, Counter> byReason = new EnumMap<>(Failure.class);
            for (Failure failure : Failure.values()) {
                byReason.put(failure, Counter.builder(FAILED).tag("target", target)
                        .tag("reason", failure.name().toLowerCase(Locale.ROOT))
                        .description("Publishes that reached this instance only").register(registry));
            }
            failed.put(kind, byReason);
        }
        Gauge.builder(CONNECTED, cluster, c -> {
            WsCluster current = c.getIfAvailable();
            return current != null && current.state().connected() ? 1 : 0;
        }).strongReference(true).description("1 while the cluster broker is reachable").register(registry);
    }

    @Override
    public void published(WsClusterTarget.Kind kind) {
        published.get(kind).increment();
    }

    @Override
    public void publishFailed(WsClusterTarget.Kind kind, Failure failure) {
        failed.get(kind).get(failure).increment();
    }

    @Override
    public void received(WsClusterTarget.Kind kind, long lagMillis) {
        received.get(kind).increment();
        lag.get(kind).record(Duration.ofMillis(lagMillis));
    }
}
