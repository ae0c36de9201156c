package io.wsstack.spring;

import java.util.List;

/**
 * A bean that adds endpoints to the {@link WsEndpointRegistry} next to those of
 * {@code ws.endpoints.*}: endpoints whose handler is not made of {@code @WsHandler} methods, such
 * as the routes of the ws-proxy module. Contributed endpoints are served, metered, listed by the
 * Actuator endpoint and closed on shutdown like the others. Their names and path templates must
 * differ from every other endpoint's, or startup fails.
 */
@FunctionalInterface
public interface WsEndpointContributor {

    /** The endpoints to add, in the order they should be matched among templates. */
    List<WsEndpoint> endpoints();
}
