package io.wsstack.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.wsstack.core.ConnectionSettings;
import io.wsstack.spring.WsEndpointSettings;

/**
 * The frame engine's {@link ConnectionSettings} of each endpoint, computed once at startup so
 * that opening a session costs one map lookup. The transport asks it for every new connection; an
 * application's own bean of this type replaces the computed one and its limits are the ones the
 * sessions enforce (an endpoint it does not name gets settings derived from the endpoint's limits).
 */
public final class WsEngineSettings {

    private final Map<String, ConnectionSettings> byEndpoint;

    /** Engine settings by endpoint name. */
    public WsEngineSettings(Map<String, ConnectionSettings> byEndpoint) {
        this.byEndpoint = Map.copyOf(byEndpoint);
    }

    /** Maps each endpoint's limits onto the engine: frame, message and fragment caps; pings answered automatically. */
    public static WsEngineSettings from(WsEndpointCatalog catalog) {
        Map<String, ConnectionSettings> settings = new LinkedHashMap<>();
        for (WsEndpointSettings endpoint : catalog.endpoints()) {
            settings.put(endpoint.name(), ConnectionSettings.builder()
                    .maxFrameSize(endpoint.maxFrameSize())
                    .maxMessageSize(endpoint.maxMessageSize())
                    .maxFragments(endpoint.maxFragments())
                    .autoPong(true)
                    .build());
        }
        return new WsEngineSettings(settings);
    }

    /** The engine settings of an endpoint, if these settings name it. */
    public Optional<ConnectionSettings> find(String endpoint) {
        return Optional.ofNullable(byEndpoint.get(endpoint));
    }

    /**
     * The engine settings of an endpoint.
     *
     * @throws IllegalArgumentException for an endpoint that is not configured
     */
    public ConnectionSettings forEndpoint(String endpoint) {
        ConnectionSettings settings = byEndpoint.get(endpoint);
        if (settings == null) {
            throw new IllegalArgumentException("no endpoint named '" + endpoint + "'");
        }
        return settings;
    }
}
