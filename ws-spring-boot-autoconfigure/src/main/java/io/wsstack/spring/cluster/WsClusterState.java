package io.wsstack.spring.cluster;

/**
 * A snapshot of this instance's view of the cluster, for the Actuator endpoint and health.
 *
 * @param mode            {@code local} (one instance) or the broker's name, e.g. {@code redis}
 * @param instanceId      this instance's id in the cluster
 * @param connected       whether the broker is reachable now (always true in local mode)
 * @param subscriptions   channels this instance listens to: one per endpoint, group, user and
 *                        session with local members
 * @param pendingPublishes publishes sent to the broker and not yet answered
 * @param published       messages handed to the broker since start
 * @param received        messages received from other instances since start
 * @param failed          publishes that failed (broker unreachable, overloaded or too slow) since start
 */
public record WsClusterState(String mode, String instanceId, boolean connected, int subscriptions,
        int pendingPublishes, long published, long received, long failed) {
}
