package io.wsstack.spring.servlet;

import io.wsstack.core.handshake.ServerHandshake;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointRegistry;

import java.util.Map;

/**
 * A handshake that passed every check of {@link WsUpgradeFilter} and waits only for the answer:
 * what the filter needs to finish it, on the same request thread or after a deferred decision.
 *
 * @param path       the request path within the application
 * @param match      the endpoint and path variables it matched
 * @param handshake  the parsed request
 * @param attributes the future session's attributes, as the interceptors and participant left them
 */
record PendingUpgrade(String path, WsEndpointRegistry.Match match, ServerHandshake handshake,
                      Map<String, Object> attributes) {

    WsEndpoint endpoint() {
        return match.endpoint();
    }
}
