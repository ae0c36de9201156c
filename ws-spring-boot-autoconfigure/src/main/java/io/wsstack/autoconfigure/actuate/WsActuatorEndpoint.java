package io.wsstack.autoconfigure.actuate;

import io.wsstack.autoconfigure.actuate.WsEndpointsDescriptor.EndpointDescriptor;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointRegistry;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import java.util.List;

/**
 * The {@code ws} Actuator endpoint ({@code /actuator/ws} once exposed): the application's
 * WebSocket endpoints, their effective settings and how many sessions each has.
 */
@Endpoint(id = "ws")
public class WsActuatorEndpoint {

    private final WsEndpointRegistry endpointRegistry;
    private final WsSessionTracker sessionTracker;

    /** Reports the endpoints of this registry with the counts of this tracker. */
    public WsActuatorEndpoint(WsEndpointRegistry endpointRegistry, WsSessionTracker sessionTracker) {
        this.endpointRegistry = endpointRegistry;
        this.sessionTracker = sessionTracker;
    }

    /** Every endpoint with its settings and live session counts. */
    @ReadOperation
    public WsEndpointsDescriptor endpoints() {
        List<EndpointDescriptor> endpoints = endpointRegistry.endpoints().stream()
                .map(WsEndpoint::settings)
                .map(settings -> EndpointDescriptor.of(settings, sessionTracker.activity(settings.name())))
                .toList();
        return new WsEndpointsDescriptor(endpoints);
    }
}
