package io.wsstack.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.wsstack.spring.WsObserver;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Publishes the transport's events as Micrometer meters named {@code ws.*} (see
 * {@link WsMeterNames}), tagged by endpoint.
 *
 * <p>The endpoint names are fixed when the observer is built. Events naming any other endpoint —
 * an upgrade request to an unknown path reports none — are counted under the endpoint tag
 * {@value WsMeterNames#NO_ENDPOINT}, so whatever a client sends, the set of time series cannot
 * grow past the configured endpoints. A session binds its endpoint's meters once when it opens
 * ({@link #bind}), so a message costs a few counter updates and no lookup; the registry is consulted
 * only the first time a meter is used.
 */
public final class MicrometerWsObserver implements WsObserver {

    private final Map<String, EndpointMeters> endpoints;
    private final EndpointMeters unmatched;

    /**
     * Builds the meters of these endpoints and publishes their gauges at once.
     *
     * @param registry      where meters are registered
     * @param endpointNames the configured endpoint names
     */
    public MicrometerWsObserver(MeterRegistry registry, Collection<String> endpointNames) {
        Objects.requireNonNull(registry, "registry");
        Map<String, EndpointMeters> meters = new HashMap<>();
        for (String name : endpointNames) {
            if (!WsMeterNames.NO_ENDPOINT.equals(name)) {
                EndpointMeters endpoint = new EndpointMeters(registry, name);
                endpoint.registerGauges();
                meters.put(name, endpoint);
            }
        }
        this.endpoints = Map.copyOf(meters);
        this.unmatched = new EndpointMeters(registry, WsMeterNames.NO_ENDPOINT);
    }

    /** The endpoint's meter holder itself: the session keeps it and updates its meters directly. */
    @Override
    public EndpointObserver bind(String endpoint) {
        return meters(endpoint);
    }

    @Override
    public void handshakeRefused(String endpoint, RefusalReason reason, int status) {
        if (reason != null) {
            meters(endpoint).handshakeRefused(reason);
        }
    }

    @Override
    public void sessionOpened(String endpoint, boolean compressed) {
        meters(endpoint).sessionOpened(compressed);
    }

    @Override
    public void sessionClosed(String endpoint, int closeCode) {
        meters(endpoint).sessionClosed(closeCode);
    }

    @Override
    public void messageReceived(String endpoint, MessageType type, long payloadBytes, long wireBytes) {
        if (type != null) {
            meters(endpoint).messageReceived(type, payloadBytes, wireBytes);
        }
    }

    @Override
    public void messageSent(String endpoint, MessageType type, long payloadBytes, long wireBytes) {
        if (type != null) {
            meters(endpoint).messageSent(type, payloadBytes, wireBytes);
        }
    }

    @Override
    public void handlerInvoked(String endpoint, long nanos, boolean failed) {
        meters(endpoint).handlerInvoked(nanos, failed);
    }

    @Override
    public void outboundQueueChanged(String endpoint, long delta) {
        meters(endpoint).outboundQueueChanged(delta);
    }

    @Override
    public void slowConsumer(String endpoint, SlowConsumerAction action) {
        if (action != null) {
            meters(endpoint).slowConsumer(action);
        }
    }

    @Override
    public void protocolError(String endpoint, int closeCode) {
        meters(endpoint).protocolError(closeCode);
    }

    private EndpointMeters meters(String endpoint) {
        // Immutable maps throw on get(null); an unknown path is reported with a null endpoint.
        if (endpoint == null) {
            return unmatched;
        }
        EndpointMeters meters = endpoints.get(endpoint);
        return meters != null ? meters : unmatched;
    }
}
