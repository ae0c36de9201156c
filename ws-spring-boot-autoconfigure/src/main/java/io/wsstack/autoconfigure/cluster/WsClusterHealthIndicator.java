package io.wsstack.autoconfigure.cluster;

import io.wsstack.spring.cluster.WsCluster;
import io.wsstack.spring.cluster.WsClusterState;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code wsCluster} health indicator: UP while the broker is reachable, DOWN while it is not
 * (this instance's own sessions are still served then, but nothing reaches the other instances),
 * with the instance id, the number of subscribed channels and the publish counters as details.
 */
public class WsClusterHealthIndicator implements HealthIndicator {

    private final WsCluster cluster;

    public WsClusterHealthIndicator(WsCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public Health health() {
        WsClusterState state = cluster.state();
        Health.Builder builder = state.connected() ? Health.up()
                : Health.down().withDetail("reason", "the cluster broker is unreachable: only this instance's sessions are reached");
        return builder.withDetail("mode", state.mode())
                .withDetail("instanceId", state.instanceId())
                .withDetail("subscriptions", state.subscriptions())
                .withDetail("pendingPublishes", state.pendingPublishes())
                .withDetail("published", state.published())
                .withDetail("received", state.received())
                .withDetail("failed", state.failed())
                .build();
    }
}
