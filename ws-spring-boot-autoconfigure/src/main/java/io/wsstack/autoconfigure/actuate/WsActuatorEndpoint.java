package io.wsstack.autoconfigure.actuate;

import io.wsstack.autoconfigure.actuate.WsEndpointsDescriptor.Deflate;
import io.wsstack.autoconfigure.actuate.WsEndpointsDescriptor.EndpointDescriptor;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.transport.TransportDispatch;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import io.wsstack.spring.cluster.WsCluster;
import io.wsstack.spring.cluster.WsClusterState;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code ws} Actuator endpoint ({@code /actuator/ws} once exposed): the application's
 * WebSocket endpoints, their effective settings (with the threads their handlers run on, per
 * transport), how many sessions each has, and the
 * permessage-deflate settings when compression is on.
 */
@Endpoint(id = "ws")
public class WsActuatorEndpoint {

    private final WsEndpointRegistry endpointRegistry;
    private final WsSessionTracker sessionTracker;
    private final @Nullable Deflate deflate;
    private volatile @Nullable WsCluster cluster;
    private volatile List<TransportDispatch> transports = List.of();

    /**
     * Reports the endpoints of this registry with the counts of this tracker.
     *
     * @param deflateOptions the server's permessage-deflate settings, or {@code null} when compression is off
     */
    public WsActuatorEndpoint(WsEndpointRegistry endpointRegistry, WsSessionTracker sessionTracker,
            @Nullable DeflateOptions deflateOptions) {
        this.endpointRegistry = endpointRegistry;
        this.sessionTracker = sessionTracker;
        this.deflate = deflateOptions == null ? null : Deflate.of(deflateOptions);
    }

    /** The transports the application serves connections on, whose handler dispatch each endpoint reports. */
    public void setTransports(List<TransportDispatch> transports) {
        this.transports = List.copyOf(transports);
    }

    /** Adds the cluster's state, served at {@code /actuator/ws/cluster}. */
    public void setCluster(@Nullable WsCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * One part of the report: {@code cluster} is this instance's view of the cluster (mode,
     * instance id, broker connection, subscriptions, publish counters); other names are not found.
     */
    @ReadOperation
    public @Nullable WsClusterState part(@Selector String part) {
        WsCluster current = cluster;
        return "cluster".equals(part) && current != null ? current.state() : null;
    }

    /** Every endpoint with its settings and live session counts, and the deflate settings. */
    @ReadOperation
    public WsEndpointsDescriptor endpoints() {
        List<EndpointDescriptor> endpoints = endpointRegistry.endpoints().stream()
                .map(WsEndpoint::settings)
                .map(settings -> EndpointDescriptor.of(settings, sessionTracker.activity(settings.name()),
                        handlerDispatch(settings.name())))
                .toList();
        return new WsEndpointsDescriptor(endpoints, deflate);
    }

    /** Where {@code endpoint}'s handlers run on each transport, by transport name (sorted, for a stable report). */
    private Map<String, String> handlerDispatch(String endpoint) {
        Map<String, String> dispatch = new TreeMap<>();
        for (TransportDispatch transport : transports) {
            if (transport.inUse()) {
                dispatch.put(transport.transport(), transport.dispatch(endpoint));
            }
        }
        return dispatch;
    }
}
