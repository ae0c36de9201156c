package io.wsstack.spring.reactive;

import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsHandshakeInterceptor.Decision;
import org.springframework.web.server.ServerWebExchange;

import java.util.Map;

/**
 * The WebFlux counterpart of {@link io.wsstack.spring.WsHandshakeInterceptor}: a bean that sees every
 * upgrade request after the protocol and origin checks and before the 101 is sent. It may refuse the
 * request with an HTTP status, or put attributes on the session to be. Interceptors run in
 * {@code @Order} order, on the thread that handles the request (an event loop: do not block).
 *
 * <p>A type of its own because the servlet interceptor receives an {@code HttpServletRequest},
 * which a WebFlux application does not have; the {@link Decision} is the same.
 */
@FunctionalInterface
public interface WsReactiveHandshakeInterceptor {

    /**
     * Inspects an upgrade request.
     *
     * @param exchange      the upgrade request's exchange (headers, principal, remote address, attributes)
     * @param endpoint      the endpoint it matched
     * @param pathVariables the values of the endpoint's path variables
     * @param attributes    the future session's attributes, mutable
     * @return {@link Decision#proceed()} to continue, or a refusal with its status
     */
    Decision beforeHandshake(ServerWebExchange exchange, WsEndpoint endpoint,
            Map<String, String> pathVariables, Map<String, Object> attributes);
}
