package io.wsstack.autoconfigure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.wsstack.spring.HandlerDispatch;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Which endpoints run their handlers on the event loop, for the transports that have one (Tomcat
 * with socket takeover, Reactor Netty): those whose {@code handler-dispatch} is
 * {@code event-loop} ({@code ws.endpoints.<name>.*} over {@code ws.defaults.*}, or a customizer),
 * plus those named by the transport's deprecated list ({@code ws.tomcat.event-loop-endpoints},
 * {@code ws.reactor-netty.event-loop-endpoints}), which keeps working as an alias.
 */
public final class EventLoopEndpoints {

    private static final Log log = LogFactory.getLog(EventLoopEndpoints.class);

    private EventLoopEndpoints() {
    }

    /**
     * The names of the endpoints whose handlers run on the event loop.
     *
     * @param endpoints      the endpoints served
     * @param deprecatedList the names listed under {@code deprecatedKey}
     * @param deprecatedKey  the transport's deprecated property, for messages
     * @param properties     the bound properties, to tell an endpoint's own {@code worker} from an inherited one; may be {@code null}
     * @throws IllegalStateException when the deprecated list names an endpoint that does not exist,
     *                               or one whose own {@code handler-dispatch} says {@code worker}
     */
    public static Set<String> resolve(WsEndpointRegistry endpoints, List<String> deprecatedList, String deprecatedKey,
            @Nullable WsProperties properties) {
        Set<String> names = new LinkedHashSet<>(named(endpoints));
        if (deprecatedList.isEmpty()) {
            return names;
        }
        List<String> known = endpoints.endpoints().stream().map(WsEndpoint::name).toList();
        for (String name : deprecatedList) {
            if (!known.contains(name)) {
                throw new IllegalStateException(deprecatedKey + " names '" + name
                        + "', which is not a WebSocket endpoint; endpoints: " + known);
            }
            WsEndpointProperties own = properties == null ? null : properties.getEndpoints().get(name);
            if (own != null && own.getHandlerDispatch() == HandlerDispatch.WORKER) {
                // Two settings that contradict each other: guessing which one the user meant would hide a mistake.
                throw new IllegalStateException(deprecatedKey + " names '" + name + "', but ws.endpoints." + name
                        + ".handler-dispatch=worker; remove it from " + deprecatedKey
                        + " (deprecated, replaced by ws.endpoints.<name>.handler-dispatch)");
            }
            names.add(name);
        }
        log.warn(deprecatedKey + " is deprecated: set ws.endpoints.<name>.handler-dispatch=event-loop instead (for "
                + String.join(", ", deprecatedList) + ")");
        return names;
    }

    /** The endpoints whose own settings ask for the event loop. */
    public static Set<String> named(WsEndpointRegistry endpoints) {
        Set<String> names = new LinkedHashSet<>();
        for (WsEndpoint endpoint : endpoints.endpoints()) {
            if (endpoint.settings().handlerDispatch() == HandlerDispatch.EVENT_LOOP) {
                names.add(endpoint.name());
            }
        }
        return names;
    }

    /**
     * Logs, once at startup, that {@code names} asked for the event loop on a server that has none
     * of ours ({@code where}), so that their handlers run on the container's threads instead.
     */
    public static void reportIgnored(Set<String> names, String where) {
        if (!names.isEmpty()) {
            log.info("handler-dispatch=event-loop of WebSocket endpoints " + names + " does not apply: " + where
                    + "; the container's threads run their handlers (only Tomcat's socket takeover and Reactor"
                    + " Netty have an event loop of ours)");
        }
    }
}
