package io.wsstack.autoconfigure;

/**
 * A bean that adjusts the effective settings of endpoints after the properties were merged and
 * before the endpoint registry is built. All customizers run for every endpoint, in
 * {@code @Order} / {@code Ordered} order; check {@link WsEndpointSettingsBuilder#name()} to
 * touch one endpoint only.
 */
@FunctionalInterface
public interface WsEndpointSettingsCustomizer {

    /** Adjusts one endpoint's settings in place. */
    void customize(WsEndpointSettingsBuilder endpoint);
}
