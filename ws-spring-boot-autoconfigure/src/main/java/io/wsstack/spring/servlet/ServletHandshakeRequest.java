package io.wsstack.spring.servlet;

import io.wsstack.core.handshake.HandshakeRequest;
import io.wsstack.core.handshake.HttpHeaders;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Enumeration;

/** Builds the engine's view of an upgrade request from the container's parsed request. */
final class ServletHandshakeRequest {

    private ServletHandshakeRequest() {
    }

    /**
     * Copies method, target, protocol and every header line. The container has already parsed and
     * capped the head; a value the engine would refuse to render (a control character) makes the
     * request malformed, answered 400 by the handshake like any other malformed header.
     */
    static HandshakeRequest from(HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        Enumeration<String> names = request.getHeaderNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            Enumeration<String> values = request.getHeaders(name);
            while (values.hasMoreElements()) {
                String value = values.nextElement();
                try {
                    headers.add(name, value);
                } catch (IllegalArgumentException e) {
                    throw new io.wsstack.core.handshake.HandshakeRejectedException(400, "malformed header " + name);
                }
            }
        }
        String query = request.getQueryString();
        String target = query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
        return new HandshakeRequest(request.getMethod(), target, request.getProtocol(), headers);
    }
}
