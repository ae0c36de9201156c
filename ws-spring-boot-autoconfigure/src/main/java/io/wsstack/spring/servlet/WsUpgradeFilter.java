package io.wsstack.spring.servlet;

import io.wsstack.core.Role;
import io.wsstack.core.deflate.NegotiatedDeflate;
import io.wsstack.core.deflate.ServerDeflateNegotiator;
import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.extension.MessageCompression;
import io.wsstack.core.handshake.HandshakeRejectedException;
import io.wsstack.core.handshake.HandshakeResponse;
import io.wsstack.core.handshake.HttpHeaders;
import io.wsstack.core.handshake.ServerHandshake;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsHandshakeInterceptor;
import io.wsstack.spring.WsHandshakeParticipant;
import io.wsstack.spring.WsHandshakeInterceptor.Decision;
import io.wsstack.spring.WsObserver.RefusalReason;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebSocket handshake endpoint: a servlet filter that answers WebSocket upgrade requests
 * ({@code Upgrade: websocket}) and lets every other request through untouched, whatever its path.
 *
 * <p>For a matching path it validates the request (RFC 6455 §4.2.1: 400, or 426 with
 * {@code Sec-WebSocket-Version: 13}; a request with a body, i.e. any {@code Transfer-Encoding} or a
 * {@code Content-Length} above 0, is 400 too), checks the {@code Origin} (403), runs the
 * {@link WsHandshakeInterceptor}s in order (their status), asks the endpoint's handler when it is a
 * {@link WsHandshakeParticipant} (its status, or its subprotocol), selects the subprotocol, negotiates
 * permessage-deflate, sets 101 with the response headers and hands the connection to a
 * {@link WsUpgradeHandler} through {@code HttpServletRequest.upgrade} (on Jetty, to a connection of
 * its own on Jetty's endpoint instead: see the package documentation). An upgrade request
 * ({@code Upgrade: websocket}) to any other path passes down the filter chain untouched, so that
 * other WebSocket endpoints of the application (spring-websocket, STOMP, JSR 356) keep working and
 * anything else gets the application's usual answer (typically 404). Every refusal of ours carries
 * {@code Connection: close} so that no byte the client sent after its request is read as another one.
 *
 * <p>Registered after Spring Security's filter chain, so the application's authentication and
 * authorization apply to the upgrade request and its principal reaches the session.
 *
 * <p><b>Handshake timeout.</b> By the time a filter runs, the container has already read the whole
 * request head; what is left here is computation without waiting on the client, so this filter
 * cannot bound a slow head. Nor do the containers' timeouts as configured by default:
 * {@code server.tomcat.connection-timeout} and {@code server.jetty.connection-idle-timeout} are
 * idle timeouts, restarted by every byte received, so a client that trickles its head one byte a
 * second is never dropped by them. What bounds such clients is the head size limit
 * ({@code server.max-http-request-header-size}, 8 KB by default: at one byte a second about two
 * hours) and the container's connection limit ({@code server.tomcat.max-connections}); put a
 * reverse proxy with a header-read deadline in front when that is not enough.
 */
public final class WsUpgradeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Log log = LogFactory.getLog(WsUpgradeFilter.class);

    /** Just after Spring Security's filter ({@code SecurityFilterProperties.DEFAULT_FILTER_ORDER}, -100). */
    public static final int ORDER = -90;

    private final transient WsEndpointRegistry endpoints;
    private final transient List<WsHandshakeInterceptor> interceptors;
    private final transient ServerDeflateNegotiator deflate;
    private final transient TransportContext context;
    private final transient TomcatSocketTakeover takeover;
    private final transient Map<String, OriginPolicy> originPolicies = new ConcurrentHashMap<>();
    /** The container's own upgrade when one is needed and on the class path (Jetty 12.1), else {@code null}. */
    private final transient ContainerUpgrade containerUpgrade = ContainerUpgrade.detect(WsUpgradeFilter.class.getClassLoader());

    /**
     * @param endpoints    the endpoints to serve
     * @param interceptors handshake interceptors, in the order they run
     * @param deflate      the permessage-deflate negotiator, or {@code null} to never compress
     * @param transport    the sessions' shared parts
     */
    public WsUpgradeFilter(WsEndpointRegistry endpoints, List<WsHandshakeInterceptor> interceptors,
                           ServerDeflateNegotiator deflate, ServletTransport transport) {
        this(endpoints, interceptors, deflate, transport, null);
    }

    /**
     * @param endpoints    the endpoints to serve
     * @param interceptors handshake interceptors, in the order they run
     * @param deflate      the permessage-deflate negotiator, or {@code null} to never compress
     * @param transport    the sessions' shared parts
     * @param takeover     serves Tomcat's plain-text NIO connections on sockets of our own, or
     *                     {@code null} to keep every connection on the servlet upgrade
     */
    public WsUpgradeFilter(WsEndpointRegistry endpoints, List<WsHandshakeInterceptor> interceptors,
                           ServerDeflateNegotiator deflate, ServletTransport transport, TomcatSocketTakeover takeover) {
        this.takeover = takeover;
        this.endpoints = endpoints;
        this.interceptors = List.copyOf(interceptors);
        this.deflate = deflate;
        this.context = transport.context();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            // Ours only when it finishes a deferred handshake; other async dispatches (Spring MVC's) pass.
            if (request.getAttribute(DeferredUpgrade.ATTRIBUTE) instanceof DeferredUpgrade deferred) {
                request.removeAttribute(DeferredUpgrade.ATTRIBUTE);
                finish(request, response, deferred.upgrade(), deferred.outcome());
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        // Only WebSocket upgrade requests concern this filter; every other request costs one header lookup.
        String upgrade = request.getHeader("Upgrade");
        if (upgrade == null || !HttpHeaders.listContainsToken(upgrade, "websocket")) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<WsEndpointRegistry.Match> match = endpoints.match(path);
        if (match.isEmpty()) {
            // Not ours: another WebSocket stack of the application (spring-websocket, STOMP, the
            // container's JSR 356 support) or the application itself answers it further down the chain.
            chain.doFilter(request, response);
            return;
        }
        handshake(request, response, path, match.get());
    }

    private void handshake(HttpServletRequest request, HttpServletResponse response, String path,
                           WsEndpointRegistry.Match match) throws IOException {
        WsEndpoint endpoint = match.endpoint();
        if (hasBody(request)) {
            // After the 101 the connection carries frames: body bytes would be swallowed as "body"
            // (Content-Length) or misread (chunked), so a handshake with a body is malformed.
            refuse(request, response, endpoint.name(), RefusalReason.BAD_REQUEST, 400, "an upgrade request has no body");
            return;
        }
        ServerHandshake handshake;
        try {
            handshake = ServerHandshake.parse(ServletHandshakeRequest.from(request));
        } catch (HandshakeRejectedException e) {
            RefusalReason reason = e.status() == 426 ? RefusalReason.VERSION : RefusalReason.BAD_REQUEST;
            refuse(request, response, endpoint.name(), reason, e.status(), e.reason());
            return;
        }
        OriginPolicy origins = originPolicies.computeIfAbsent(endpoint.name(),
                n -> new OriginPolicy(endpoint.settings().allowedOrigins()));
        if (!origins.allows(handshake.origin(), request.getScheme(), request.getServerName(), request.getServerPort())) {
            refuse(request, response, endpoint.name(), RefusalReason.ORIGIN, 403, "origin not allowed");
            return;
        }
        Map<String, Object> attributes = new ConcurrentHashMap<>();
        InetSocketAddress remoteAddress = remoteAddress(request);
        ServletWsHandshakeRequest view = new ServletWsHandshakeRequest(request, path, match.pathVariables(),
                remoteAddress, attributes);
        for (WsHandshakeInterceptor interceptor : interceptors) {
            Decision decision = interceptor.beforeHandshake(view, endpoint, match.pathVariables(), attributes);
            if (!decision.proceeds()) {
                refuse(request, response, endpoint.name(), RefusalReason.INTERCEPTOR, decision.status(), decision.reason());
                return;
            }
        }
        PendingUpgrade pending = new PendingUpgrade(path, match, handshake, attributes);
        if (!(endpoint.handler() instanceof WsHandshakeParticipant participant)) {
            upgrade(request, response, pending, handshake.selectProtocol(endpoint.settings().subprotocols()).orElse(null));
            return;
        }
        WsHandshakeParticipant.Outcome outcome = participant.beforeUpgrade(view, endpoint,
                handshake.requestedProtocols(), match.pathVariables(), attributes);
        if (outcome.isDeferred()) {
            outcome = DeferredUpgrade.await(request, response, pending, outcome.settled());
            if (outcome == null) {
                return; // finished on the async dispatch
            }
        }
        finish(request, response, pending, outcome);
    }

    /** Answers a participant's decision: refused with its status, or upgraded with its subprotocol. */
    private void finish(HttpServletRequest request, HttpServletResponse response, PendingUpgrade pending,
                        WsHandshakeParticipant.Outcome outcome) throws IOException {
        if (!outcome.accepted()) {
            refuse(request, response, pending.endpoint().name(), RefusalReason.INTERCEPTOR, outcome.status(), outcome.reason());
            return;
        }
        upgrade(request, response, pending, outcome.subprotocol());
    }

    /** Negotiates permessage-deflate, sets the 101 and hands the connection to a session. */
    private void upgrade(HttpServletRequest request, HttpServletResponse response, PendingUpgrade pending,
                         String subprotocol) throws IOException {
        WsEndpoint endpoint = pending.endpoint();
        ServerHandshake handshake = pending.handshake();
        Optional<NegotiatedDeflate> negotiated = deflate == null ? Optional.empty() : deflate.negotiate(handshake.extensionOffers());
        List<ExtensionOffer> extensions = negotiated.map(n -> List.of(n.responseElement())).orElse(List.of());
        HandshakeResponse accepted = handshake.accept(subprotocol, extensions, null);

        response.setStatus(HandshakeResponse.STATUS);
        accepted.headers().forEach(response::addHeader);
        MessageCompression compression = negotiated.map(n -> n.newCompression(Role.SERVER)).orElse(null);
        SessionSetup setup = new SessionSetup(endpoint, pending.path(), pending.match().pathVariables(),
                pending.attributes(), request.getUserPrincipal(), subprotocol, extensions, remoteAddress(request),
                compression, negotiated.map(NegotiatedDeflate::sharesStatelessEncoding).orElse(false), context);
        try {
            if (containerUpgrade == null || !containerUpgrade.upgrade(request, setup)) {
                request.upgrade(WsUpgradeHandler.class).prepare(setup, takeover);
            }
        } catch (IOException | RuntimeException | ServletException e) {
            if (compression != null) {
                compression.close();
            }
            throw e instanceof IOException io ? io : new IOException("HTTP upgrade failed", e);
        }
        if (log.isDebugEnabled()) {
            log.debug("WebSocket handshake accepted on endpoint '" + endpoint.name() + "' from " + request.getRemoteAddr()
                    + (subprotocol == null ? "" : ", subprotocol " + subprotocol)
                    + (extensions.isEmpty() ? "" : ", extensions " + ExtensionOffer.toHeaderValue(extensions)));
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String endpoint,
                        RefusalReason reason, int status, String text) throws IOException {
        context.observer().handshakeRefused(endpoint, reason, status);
        if (log.isDebugEnabled()) {
            log.debug("WebSocket handshake refused with " + status + (endpoint == null ? "" : " on endpoint '" + endpoint + "'")
                    + " from " + request.getRemoteAddr() + ": " + text);
        }
        HandshakeRejectedException refusal = new HandshakeRejectedException(status, text);
        response.reset();
        response.setStatus(status);
        refusal.responseHeaders().forEach(response::setHeader);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print(text);
        response.flushBuffer();
    }

    /**
     * Whether the request announces a body: any {@code Transfer-Encoding}, or a {@code Content-Length}
     * other than 0 ({@code Content-Length: 0}, as the JDK's client sends it, is no body).
     */
    private static boolean hasBody(HttpServletRequest request) {
        return request.getHeader("Transfer-Encoding") != null || request.getContentLengthLong() > 0;
    }

    /** The peer address; containers report an IP literal, which is parsed without a DNS lookup. */
    private static InetSocketAddress remoteAddress(HttpServletRequest request) {
        try {
            return new InetSocketAddress(InetAddress.getByName(request.getRemoteAddr()), request.getRemotePort());
        } catch (UnknownHostException e) {
            return InetSocketAddress.createUnresolved(request.getRemoteAddr(), request.getRemotePort());
        }
    }
}
