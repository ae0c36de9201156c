package io.wsstack.sample.stats;

import io.micrometer.core.instrument.MeterRegistry;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsOnOpen;
import io.wsstack.spring.WsSession;
import io.wsstack.spring.WsSessionRegistry;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code /stats} endpoint behind the page's Server panel: once a second it samples the
 * application's own {@code ws.*} meters and pushes a {@link ServerStats} snapshot as JSON to every
 * subscriber. Computing the rates here, from the same registry Prometheus scrapes, keeps the page
 * free of any metrics arithmetic and shows exactly what the dashboards would.
 */
@Component
public class StatsFeed {

    private static final String ENDPOINT = "stats";

    private final WsSessionRegistry sessions;
    private final JsonMapper json;
    private final StatsSampler sampler;
    private volatile String last;

    public StatsFeed(MeterRegistry registry, WsEndpointRegistry endpoints, WsSessionRegistry sessions, JsonMapper json) {
        this.sessions = sessions;
        this.json = json;
        Map<String, String> paths = new LinkedHashMap<>();
        for (WsEndpoint endpoint : endpoints.endpoints()) {
            paths.put(endpoint.name(), endpoint.settings().path());
        }
        this.sampler = new StatsSampler(registry, paths, System.nanoTime());
        this.last = json.writeValueAsString(sampler.sample(System.nanoTime(), System.currentTimeMillis()));
    }

    /** A new subscriber sees the latest snapshot at once instead of an empty panel for a second. */
    @WsOnOpen(ENDPOINT)
    public String onOpen(WsSession session) {
        return last;
    }

    /**
     * Samples the meters and pushes the snapshot; sampling goes on without subscribers so rates stay
     * right. Synchronized because the sampler is not thread-safe and a scheduler may run with more
     * than one thread.
     */
    @Scheduled(fixedRateString = "${sample.stats.interval:1s}")
    public synchronized void publish() {
        last = json.writeValueAsString(sampler.sample(System.nanoTime(), System.currentTimeMillis()));
        if (!sessions.sessions(ENDPOINT).isEmpty()) {
            sessions.broadcast(ENDPOINT, last);
        }
    }
}
