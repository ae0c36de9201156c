package io.wsstack.autoconfigure;

import java.util.List;
import java.util.function.Function;

import io.wsstack.spring.WsEndpointSettings;

/** Turns {@code ws.endpoints.<name>.*} over {@code ws.defaults.*} into effective settings. */
final class EndpointSettingsMerger {

    private EndpointSettingsMerger() {
    }

    /** The effective settings of endpoint {@code name}: its own values where set, the defaults elsewhere. */
    static WsEndpointSettings merge(String name, WsEndpointProperties endpoint, WsDefaultsProperties defaults) {
        return new WsEndpointSettings(
                name,
                endpoint.getPath(),
                pick(endpoint.getSubprotocols(), defaults.getSubprotocols()),
                pick(endpoint.getAllowedOrigins(), defaults.getAllowedOrigins()),
                (int) pick(endpoint.getMaxFrameSize(), defaults.getMaxFrameSize()).toBytes(),
                pick(endpoint.getMaxMessageSize(), defaults.getMaxMessageSize()).toBytes(),
                pick(endpoint.getMaxFragments(), defaults.getMaxFragments()),
                pick(endpoint.getIdleTimeout(), defaults.getIdleTimeout()),
                pick(endpoint.getPingInterval(), defaults.getPingInterval()),
                pick(endpoint.getHandshakeTimeout(), defaults.getHandshakeTimeout()),
                pick(endpoint.getCloseTimeout(), defaults.getCloseTimeout()),
                pick(endpoint.getMaxSendBuffer(), defaults.getMaxSendBuffer()).toBytes(),
                pick(endpoint.getSendBufferOverflow(), defaults.getSendBufferOverflow()),
                pick(endpoint.getHandlerDispatch(), defaults.getHandlerDispatch()));
    }

    /** The full property name that supplies a value of endpoint {@code name}: its own key if set, else the default's. */
    static String sourceOf(String name, WsEndpointProperties endpoint, Function<WsEndpointProperties, Object> getter,
            String key) {
        return getter.apply(endpoint) != null ? "ws.endpoints." + name + "." + key : "ws.defaults." + key;
    }

    private static <T> T pick(T own, T inherited) {
        return own != null ? own : inherited;
    }

    private static <T> List<T> pick(List<T> own, List<T> inherited) {
        return own != null ? own : inherited;
    }
}
