package io.wsstack.spring;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All endpoints of the application, and the lookup of a request path to one of them. Literal
 * paths win over templates; among templates, the one declared first wins.
 */
public final class WsEndpointRegistry {

    private final List<WsEndpoint> endpoints;

    public WsEndpointRegistry(List<WsEndpoint> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    /** Every endpoint, in declaration order. */
    public List<WsEndpoint> endpoints() {
        return endpoints;
    }

    /** The endpoint with this name. */
    public Optional<WsEndpoint> byName(String name) {
        return endpoints.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The endpoint serving this request path (no query string), with the path variables' values. */
    public Optional<Match> match(String path) {
        Match templated = null;
        for (WsEndpoint endpoint : endpoints) {
            Map<String, String> variables = endpoint.path().match(path);
            if (variables == null) {
                continue;
            }
            if (endpoint.path().isLiteral()) {
                return Optional.of(new Match(endpoint, variables));
            }
            if (templated == null) {
                templated = new Match(endpoint, variables);
            }
        }
        return Optional.ofNullable(templated);
    }

    /**
     * An endpoint matched by a request path.
     *
     * @param endpoint      the endpoint
     * @param pathVariables the values of its path variables
     */
    public record Match(WsEndpoint endpoint, Map<String, String> pathVariables) {
    }
}
