package io.wsstack.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.wsstack.spring.WsEndpointSettings;

/**
 * The effective settings of every configured endpoint, in declaration order: properties merged
 * over {@code ws.defaults.*}, then adjusted by the {@link WsEndpointSettingsCustomizer}s. The
 * endpoint registry and the engine settings are built from it.
 */
public final class WsEndpointCatalog {

    private final List<WsEndpointSettings> endpoints;

    /** A catalog of exactly these endpoints. */
    public WsEndpointCatalog(List<WsEndpointSettings> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    /** Builds the catalog from bound properties and customizers (already sorted by order). */
    public static WsEndpointCatalog from(WsProperties properties, List<WsEndpointSettingsCustomizer> customizers) {
        List<WsEndpointSettings> result = new ArrayList<>();
        properties.getEndpoints().forEach((name, endpoint) -> {
            WsEndpointSettings merged = EndpointSettingsMerger.merge(name, endpoint, properties.getDefaults());
            if (customizers.isEmpty()) {
                result.add(merged);
                return;
            }
            WsEndpointSettingsBuilder builder = new WsEndpointSettingsBuilder(merged);
            customizers.forEach(customizer -> customizer.customize(builder));
            result.add(builder.build());
        });
        return new WsEndpointCatalog(result);
    }

    /** Every endpoint's settings, in declaration order. */
    public List<WsEndpointSettings> endpoints() {
        return endpoints;
    }

    /** The endpoint with this name. */
    public Optional<WsEndpointSettings> byName(String name) {
        return endpoints.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The endpoint whose path template is exactly {@code path}, such as {@code /rooms/{room}}. */
    public Optional<WsEndpointSettings> byPath(String path) {
        return endpoints.stream().filter(e -> e.path().equals(path)).findFirst();
    }
}
