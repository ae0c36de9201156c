package io.wsstack.autoconfigure.actuate;

import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointRegistry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code ws} health indicator: UP with the number of endpoints and open sessions per
 * endpoint; DOWN from the moment the application context starts closing, because from then on the
 * transport sends 1001 (going away) to its sessions and new connections should go elsewhere.
 */
public class WsHealthIndicator implements HealthIndicator, ApplicationListener<ContextClosedEvent> {

    private final WsEndpointRegistry endpointRegistry;
    private final WsSessionTracker sessionTracker;
    private final ApplicationContext applicationContext;
    private volatile boolean closing;

    /**
     * Reports on these endpoints and counts.
     *
     * @param applicationContext the context whose closing turns this indicator DOWN; a child
     *                           context closing (a separate management port, say) does not
     */
    public WsHealthIndicator(WsEndpointRegistry endpointRegistry, WsSessionTracker sessionTracker,
            ApplicationContext applicationContext) {
        this.endpointRegistry = endpointRegistry;
        this.sessionTracker = sessionTracker;
        this.applicationContext = applicationContext;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() == applicationContext) {
            closing = true;
        }
    }

    @Override
    public Health health() {
        Map<String, Long> active = new LinkedHashMap<>();
        for (WsEndpoint endpoint : endpointRegistry.endpoints()) {
            active.put(endpoint.name(), sessionTracker.activity(endpoint.name()).active());
        }
        Health.Builder builder = closing ? Health.down().withDetail("reason", "application is shutting down")
                : Health.up();
        return builder.withDetail("endpoints", active.size())
                .withDetail("activeSessions", sessionTracker.totalActive())
                .withDetail("activeSessionsByEndpoint", active)
                .build();
    }
}
