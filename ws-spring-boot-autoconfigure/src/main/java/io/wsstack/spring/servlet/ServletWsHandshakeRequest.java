package io.wsstack.spring.servlet;

import io.wsstack.spring.WsHandshakeRequest;
import jakarta.servlet.http.HttpServletRequest;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The transport-neutral view of an upgrade request on Tomcat and Jetty; unwraps to the {@link HttpServletRequest}. */
final class ServletWsHandshakeRequest implements WsHandshakeRequest {

    private final HttpServletRequest request;
    private final String path;
    private final Map<String, String> pathVariables;
    private final InetSocketAddress remoteAddress;
    private final Map<String, Object> attributes;

    ServletWsHandshakeRequest(HttpServletRequest request, String path, Map<String, String> pathVariables,
                              InetSocketAddress remoteAddress, Map<String, Object> attributes) {
        this.request = request;
        this.path = path;
        this.pathVariables = pathVariables;
        this.remoteAddress = remoteAddress;
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
        return request.getHeader(name);
    }

    @Override
    public List<String> headers(String name) {
        return Collections.list(request.getHeaders(name));
    }

    @Override
    public String query() {
        return request.getQueryString();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public Principal principal() {
        return request.getUserPrincipal();
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(request)) {
            return type.cast(request);
        }
        throw new IllegalArgumentException("a servlet upgrade request is an HttpServletRequest, not a " + type.getName());
    }

    @Override
    public String toString() {
        return "WsHandshakeRequest[" + request.getMethod() + " " + request.getRequestURI() + "]";
    }
}
