package io.wsstack.spring.client;

import io.wsstack.client.ReconnectPolicy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One client endpoint as configured ({@code ws.clients.NAME.*}), with its reconnect policy worked out.
 *
 * @param name         the endpoint name, which {@code @WsHandler} methods name
 * @param uri          the URI, placeholders still unresolved (resolved when connecting)
 * @param subprotocols subprotocols to offer, most preferred first
 * @param headers      extra upgrade request headers
 * @param reconnect    the policy, or {@code null} when reconnecting is off
 */
public record ClientEndpoint(String name, String uri, List<String> subprotocols, Map<String, String> headers,
        ReconnectPolicy reconnect) {

    public ClientEndpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        subprotocols = List.copyOf(subprotocols);
        headers = Map.copyOf(headers);
    }
}
