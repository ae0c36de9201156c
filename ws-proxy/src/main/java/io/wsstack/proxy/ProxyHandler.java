package io.wsstack.proxy;

import io.wsstack.core.handshake.HttpHeaders;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsHandshakeParticipant;
import io.wsstack.spring.WsHandshakeRequest;
import io.wsstack.spring.WsSession;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The endpoint handler of one proxy route. Before the client gets its 101 (the transport has already
 * validated the upgrade, checked the origin and run the interceptors), it opens the upstream
 * connection with the client's subprotocols and answers the client with what the upstream answered:
 * 101 with the upstream's subprotocol, or a refusal ({@link UpstreamRefusedException}). Once the
 * client session is open it relays messages both ways through a {@link SessionRelay}. The client
 * hop's handshake, origin policy, limits, timers and meters are the starter transport's own.
 */
final class ProxyHandler implements WsEndpointHandler, WsHandshakeParticipant {

    private static final Log log = LogFactory.getLog(ProxyHandler.class);

    /** Session attribute under which the upstream waits from the handshake until the session opens. */
    private static final String UPSTREAM = ProxyHandler.class.getName() + ".upstream";
    private static final String RELAY = ProxyHandler.class.getName() + ".relay";

    private final ProxyRoute route;
    private final UpstreamDialer dialer;
    private final ScheduledExecutorService scheduler;

    /**
     * @param route     the route
     * @param dialer    opens the route's upstream connections
     * @param scheduler drops upstream connections whose client session never opened
     */
    ProxyHandler(ProxyRoute route, UpstreamDialer dialer, ScheduledExecutorService scheduler) {
        this.route = route;
        this.dialer = dialer;
        this.scheduler = scheduler;
    }

    @Override
    public Outcome beforeUpgrade(WsHandshakeRequest handshake, WsEndpoint endpoint, List<String> requestedSubprotocols,
            Map<String, String> pathVariables, Map<String, Object> attributes) {
        // The proxy is served by the servlet transport; its header rules read the servlet request.
        HttpServletRequest request = handshake.unwrap(HttpServletRequest.class);
        URI uri;
        try {
            uri = route.upstream().expand(pathVariables, request.getQueryString());
        } catch (IllegalArgumentException e) {
            return Outcome.refuse(400, e.getMessage());
        }
        HttpHeaders headers = route.headers().select(request);
        long attachTimeout = Math.max(route.settings().handshakeTimeout().toNanos(), TimeUnit.SECONDS.toNanos(10));
        UpstreamLeg leg = new UpstreamLeg(attachTimeout);
        // Deferred: the container thread is released while the upstream connects (issue 14); the
        // transport finishes the client's handshake when the upstream has answered.
        return Outcome.deferred(dialer.connect(uri, requestedSubprotocols, headers, leg).handle((upstream, failure) -> {
            if (failure != null) {
                // The dialer's stage fails only with its own refusal (never wrapped: it is completed
                // directly); anything else would be a bug, answered as an unreachable upstream.
                UpstreamRefusedException refused = failure instanceof UpstreamRefusedException r ? r
                        : new UpstreamRefusedException(UpstreamRefusedException.BAD_GATEWAY, "the upstream cannot be reached");
                if (log.isDebugEnabled()) {
                    log.debug("Route '" + route.name() + "': upstream " + uri + " refused: " + refused.getMessage());
                }
                return Outcome.refuse(refused.status(), refused.getMessage());
            }
            attributes.put(UPSTREAM, leg);
            leg.abandonUnlessAttachedIn(scheduler);
            return Outcome.accept(upstream.subprotocol());
        }));
    }

    @Override
    public void onOpen(WsSession session) {
        UpstreamLeg leg = (UpstreamLeg) session.attributes().remove(UPSTREAM);
        SessionRelay relay = new SessionRelay(session, leg.session(), route);
        session.attributes().put(RELAY, relay);
        leg.attach(relay);
    }

    @Override
    public void onText(WsSession session, String text) {
        relay(session).fromClient(text);
    }

    @Override
    public void onBinary(WsSession session, ByteBuffer data) {
        relay(session).fromClient(data);
    }

    @Override
    public void onClose(WsSession session, WsCloseStatus status) {
        SessionRelay relay = (SessionRelay) session.attributes().get(RELAY);
        if (relay != null) {
            relay.clientClosed(status);
        }
    }

    private static SessionRelay relay(WsSession session) {
        return (SessionRelay) session.attributes().get(RELAY);
    }
}
