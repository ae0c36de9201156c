package io.wsstack.spring;

import java.util.Map;

/**
 * A bean that sees every upgrade request after the protocol checks and before the 101 is sent.
 * It may refuse the request with an HTTP status, or put attributes on the session to be (for
 * example the authenticated user or a tenant id). Interceptors run in {@code @Order} order.
 *
 * <p>The same bean serves every transport: the request is a {@link WsHandshakeRequest}, whose
 * {@link WsHandshakeRequest#unwrap(Class) unwrap} reaches the servlet request or the WebFlux
 * exchange when needed. On Reactor Netty interceptors run on an event loop: do not block there.
 */
@FunctionalInterface
public interface WsHandshakeInterceptor {

    /**
     * Inspects an upgrade request.
     *
     * @param request       the upgrade request (path, headers, query, principal, remote address)
     * @param endpoint      the endpoint it matched
     * @param pathVariables the values of the endpoint's path variables
     * @param attributes    the future session's attributes, mutable
     * @return {@link Decision#proceed()} to continue, or a refusal with its status
     */
    Decision beforeHandshake(WsHandshakeRequest request, WsEndpoint endpoint,
            Map<String, String> pathVariables, Map<String, Object> attributes);

    /**
     * An interceptor's answer.
     *
     * @param status 0 to proceed, otherwise the HTTP status to refuse with (4xx or 5xx)
     * @param reason a short text for the refusal body and logs
     */
    record Decision(int status, String reason) {

        private static final Decision PROCEED = new Decision(0, "");

        /** Continue with the handshake. */
        public static Decision proceed() {
            return PROCEED;
        }

        /** Refuse the upgrade with this status. */
        public static Decision refuse(int status, String reason) {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a refusal needs a 4xx or 5xx status, not " + status);
            }
            return new Decision(status, reason);
        }

        /** Whether the handshake may continue. */
        public boolean proceeds() {
            return status == 0;
        }
    }
}
