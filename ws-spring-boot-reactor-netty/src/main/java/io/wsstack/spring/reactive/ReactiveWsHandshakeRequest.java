package io.wsstack.spring.reactive;

import io.wsstack.spring.WsHandshakeRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * The transport-neutral view of an upgrade request on Reactor Netty; unwraps to the
 * {@link ServerWebExchange} or its {@link ServerHttpRequest}.
 */
final class ReactiveWsHandshakeRequest implements WsHandshakeRequest {

    private final ServerWebExchange exchange;
    private final String path;
    private final Map<String, String> pathVariables;
    private final InetSocketAddress remoteAddress;
    private final Principal principal;
    private final Map<String, Object> attributes;

    ReactiveWsHandshakeRequest(ServerWebExchange exchange, String path, Map<String, String> pathVariables,
                               InetSocketAddress remoteAddress, Principal principal, Map<String, Object> attributes) {
        this.exchange = exchange;
        this.path = path;
        this.pathVariables = pathVariables;
        this.remoteAddress = remoteAddress;
        this.principal = principal;
        this.attributes = attributes;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Map<String, String> pathVariables() {
        return pathVariables;
    }

    @Override
    public String header(String name) {
        return exchange.getRequest().getHeaders().getFirst(name);
    }

    @Override
    public List<String> headers(String name) {
        List<String> values = exchange.getRequest().getHeaders().get(name);
        return values == null ? List.of() : List.copyOf(values);
    }

    @Override
    public String query() {
        return exchange.getRequest().getURI().getRawQuery();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public Principal principal() {
        return principal;
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(exchange)) {
            return type.cast(exchange);
        }
        if (type.isInstance(exchange.getRequest())) {
            return type.cast(exchange.getRequest());
        }
        throw new IllegalArgumentException("a WebFlux upgrade request is a ServerWebExchange, not a " + type.getName());
    }

    @Override
    public String toString() {
        return "WsHandshakeRequest[" + exchange.getRequest().getMethod() + " " + exchange.getRequest().getURI().getRawPath() + "]";
    }
}
