package io.wsstack.sample.stats;

import java.util.List;

/**
 * What the {@code /stats} endpoint pushes once a second: every WebSocket endpoint of the
 * application with its live figures.
 *
 * @param at        server time of the sample, epoch milliseconds
 * @param endpoints the endpoints, in declaration order
 */
public record ServerStats(long at, List<EndpointStats> endpoints) {
}
