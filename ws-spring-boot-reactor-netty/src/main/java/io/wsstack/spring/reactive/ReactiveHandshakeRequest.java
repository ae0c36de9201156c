package io.wsstack.spring.reactive;

import io.wsstack.core.handshake.HandshakeRejectedException;
import io.wsstack.core.handshake.HandshakeRequest;
import io.wsstack.core.handshake.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

import java.util.List;
import java.util.Map;

/** Builds the engine's view of an upgrade request from WebFlux's parsed request. */
final class ReactiveHandshakeRequest {

    private ReactiveHandshakeRequest() {
    }

    /**
     * Copies method, target and every header line. Reactor Netty has already parsed and capped the
     * head (its HTTP/1.1 codec refuses other versions' upgrades); a value the engine would refuse to
     * render makes the request malformed, answered 400 like any other malformed header.
     */
    static HandshakeRequest from(ServerHttpRequest request, String httpVersion) {
        HttpHeaders headers = new HttpHeaders();
        for (Map.Entry<String, List<String>> header : request.getHeaders().headerSet()) {
            for (String value : header.getValue()) {
                try {
                    headers.add(header.getKey(), value);
                } catch (IllegalArgumentException e) {
                    throw new HandshakeRejectedException(400, "malformed header " + header.getKey());
                }
            }
        }
        String target = request.getURI().getRawPath();
        String query = request.getURI().getRawQuery();
        return new HandshakeRequest(request.getMethod().name(), query == null ? target : target + "?" + query,
                httpVersion, headers);
    }
}
