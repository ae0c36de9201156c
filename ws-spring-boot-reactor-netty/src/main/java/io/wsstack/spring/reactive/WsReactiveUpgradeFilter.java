package io.wsstack.spring.reactive;

import io.netty.channel.Channel;
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
import io.wsstack.spring.WsHandshakeInterceptor.Decision;
import io.wsstack.spring.WsHandshakeParticipant;
import io.wsstack.spring.WsObserver.RefusalReason;
import io.wsstack.spring.servlet.OriginPolicy;
import io.wsstack.spring.servlet.SessionSetup;
import io.wsstack.spring.servlet.TransportContext;
import io.wsstack.spring.transport.HandlerDispatcher;
import io.wsstack.spring.transport.TransportDispatch;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The WebSocket handshake endpoint of a WebFlux application on Reactor Netty: a {@link WebFilter}
 * that answers WebSocket upgrade requests ({@code Upgrade: websocket}) and lets every other request
 * through untouched, the counterpart of the servlet transport's {@code WsUpgradeFilter}.
 *
 * <p>It runs after Spring Security's {@code WebFilterChainProxy} ({@link #ORDER}), so the
 * application's authentication and authorization rules (and TLS) apply to the upgrade request and
 * its principal reaches the session. For a matching path it checks the request with the same rules
 * as on the servlet containers: RFC 6455 §4.2.1 (400, or 426 with {@code Sec-WebSocket-Version: 13}),
 * no request body (400), the {@code Origin} (403), the {@link WsHandshakeInterceptor}s (their
 * status, on the event loop), the endpoint's handler when it is a {@link WsHandshakeParticipant}
 * (its status or subprotocol; on Reactor's bounded-elastic scheduler, since it may block), then
 * selects the subprotocol, negotiates permessage-deflate, and hands the connection to
 * {@link ReactorNettyUpgrade}. An upgrade request to any other path passes down the
 * filter chain untouched (as on the servlet containers), so WebFlux's own WebSocket handlers beside
 * ours keep working. Every refusal of ours carries {@code Connection: close}.
 */
public final class WsReactiveUpgradeFilter implements WebFilter, Ordered, TransportDispatch {

    private static final Log log = LogFactory.getLog(WsReactiveUpgradeFilter.class);

    /** Just after Spring Security's {@code WebFilterChainProxy} ({@code WebFluxSecurityConfiguration}, -100). */
    public static final int ORDER = -90;

    private final WsEndpointRegistry endpoints;
    private final List<WsHandshakeInterceptor> interceptors;
    private final ServerDeflateNegotiator deflate;
    private final TransportContext context;
    private final HandlerDispatcher dispatcher;
    private final Predicate<String> onEventLoop;
    private final Map<String, OriginPolicy> originPolicies = new ConcurrentHashMap<>();

    /**
     * @param endpoints          the endpoints to serve
     * @param interceptors       handshake interceptors, in the order they run
     * @param deflate            the permessage-deflate negotiator, or {@code null} to never compress
     * @param context            the sessions' shared parts
     * @param dispatcher         where handlers run off the event loop
     * @param eventLoopEndpoints names of the endpoints whose handlers run on the event loop
     */
    public WsReactiveUpgradeFilter(WsEndpointRegistry endpoints, List<WsHandshakeInterceptor> interceptors,
                                   ServerDeflateNegotiator deflate, TransportContext context,
                                   HandlerDispatcher dispatcher, Set<String> eventLoopEndpoints) {
        this.endpoints = endpoints;
        this.interceptors = List.copyOf(interceptors);
        this.deflate = deflate;
        this.context = context;
        this.dispatcher = dispatcher;
        Set<String> names = Set.copyOf(eventLoopEndpoints);
        this.onEventLoop = names::contains;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** In the {@code ws} Actuator endpoint's report: Reactor Netty's connections. */
    @Override
    public String transport() {
        return "reactor-netty";
    }

    @Override
    public String dispatch(String endpoint) {
        return onEventLoop.test(endpoint) ? EVENT_LOOP : WORKER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        // Only WebSocket upgrade requests concern this filter; every other request costs one header lookup.
        String upgrade = request.getHeaders().getFirst("Upgrade");
        if (upgrade == null || !HttpHeaders.listContainsToken(upgrade, "websocket")) {
            return chain.filter(exchange);
        }
        String path = request.getPath().pathWithinApplication().value();
        Optional<WsEndpointRegistry.Match> match = endpoints.match(path);
        if (match.isEmpty()) {
            // Not ours: another WebSocket stack of the application (Spring WebFlux's own
            // WebSocketHandler mappings) or the application itself answers it further down the chain.
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(principal -> handshake(exchange, path, match.get(), principal.orElse(null)));
    }

    private Mono<Void> handshake(ServerWebExchange exchange, String path, WsEndpointRegistry.Match match,
                                 Principal principal) {
        ServerHttpRequest request = exchange.getRequest();
        WsEndpoint endpoint = match.endpoint();
        Channel channel = ReactorNettyUpgrade.http11Channel(request);
        if (channel == null) {
            return refuse(exchange, endpoint.name(), RefusalReason.BAD_REQUEST, 400,
                    "WebSocket upgrades need HTTP/1.1 on Reactor Netty");
        }
        ServerHandshake handshake;
        try {
            HttpServerRequest nettyRequest = ServerHttpRequestDecorator.getNativeRequest(request);
            handshake = ServerHandshake.parse(ReactiveHandshakeRequest.from(request, nettyRequest.version().text()));
        } catch (HandshakeRejectedException e) {
            RefusalReason reason = e.status() == 426 ? RefusalReason.VERSION : RefusalReason.BAD_REQUEST;
            return refuse(exchange, endpoint.name(), reason, e.status(), e.reason());
        }
        if (hasBody(request)) {
            // Bytes of a body would be read as WebSocket frames once the connection switches protocols.
            return refuse(exchange, endpoint.name(), RefusalReason.BAD_REQUEST, 400, "an upgrade request carries no body");
        }
        OriginPolicy origins = originPolicies.computeIfAbsent(endpoint.name(),
                n -> new OriginPolicy(endpoint.settings().allowedOrigins()));
        // The request URI carries scheme, host and port as WebFlux derived them: from the connection (TLS
        // or not) and the Host header, or from forwarded headers when the application enabled that.
        java.net.URI target = request.getURI();
        int port = target.getPort() != -1 ? target.getPort() : ("https".equalsIgnoreCase(target.getScheme()) ? 443 : 80);
        if (!origins.allows(handshake.origin(), target.getScheme(), target.getHost(), port)) {
            return refuse(exchange, endpoint.name(), RefusalReason.ORIGIN, 403, "origin not allowed");
        }
        Map<String, Object> attributes = new ConcurrentHashMap<>();
        ReactiveWsHandshakeRequest view = new ReactiveWsHandshakeRequest(exchange, path, match.pathVariables(),
                remoteAddress(request, channel), principal, attributes);
        for (WsHandshakeInterceptor interceptor : interceptors) {
            Decision decision = interceptor.beforeHandshake(view, endpoint, match.pathVariables(), attributes);
            if (!decision.proceeds()) {
                return refuse(exchange, endpoint.name(), RefusalReason.INTERCEPTOR, decision.status(), decision.reason());
            }
        }
        if (endpoint.handler() instanceof WsHandshakeParticipant participant) {
            // It may block (a proxy connects upstream): never on the event loop.
            return Mono.fromCallable(() -> participant.beforeUpgrade(view, endpoint, handshake.requestedProtocols(),
                            match.pathVariables(), attributes))
                    .subscribeOn(Schedulers.boundedElastic())
                    // A deferred answer waits for its stage without holding a thread; failures are 502 as on servlet.
                    .flatMap(outcome -> Mono.fromCompletionStage(outcome.settled()))
                    .flatMap(outcome -> outcome.accepted()
                            ? accept(exchange, channel, path, match, handshake, outcome.subprotocol(), attributes, principal)
                            : refuse(exchange, endpoint.name(), RefusalReason.INTERCEPTOR, outcome.status(), outcome.reason()));
        }
        String subprotocol = handshake.selectProtocol(endpoint.settings().subprotocols()).orElse(null);
        return accept(exchange, channel, path, match, handshake, subprotocol, attributes, principal);
    }

    private Mono<Void> accept(ServerWebExchange exchange, Channel channel, String path, WsEndpointRegistry.Match match,
                              ServerHandshake handshake, String subprotocol, Map<String, Object> attributes,
                              Principal principal) {
        ServerHttpRequest request = exchange.getRequest();
        WsEndpoint endpoint = match.endpoint();
        Optional<NegotiatedDeflate> negotiated = deflate == null ? Optional.empty() : deflate.negotiate(handshake.extensionOffers());
        List<ExtensionOffer> extensions = negotiated.map(n -> List.of(n.responseElement())).orElse(List.of());
        HandshakeResponse accepted = handshake.accept(subprotocol, extensions, null);
        MessageCompression compression = negotiated.map(n -> n.newCompression(Role.SERVER)).orElse(null);
        SessionSetup setup = new SessionSetup(endpoint, path, match.pathVariables(), attributes, principal,
                subprotocol, extensions, remoteAddress(request, channel), compression,
                negotiated.map(NegotiatedDeflate::serverNoContextTakeover).orElse(false), context);
        if (log.isDebugEnabled()) {
            log.debug("WebSocket handshake accepted on endpoint '" + endpoint.name() + "' from " + request.getRemoteAddress()
                    + (subprotocol == null ? "" : ", subprotocol " + subprotocol)
                    + (extensions.isEmpty() ? "" : ", extensions " + ExtensionOffer.toHeaderValue(extensions)));
        }
        HandlerDispatcher sessionDispatcher = onEventLoop.test(endpoint.name()) ? null : dispatcher;
        return ReactorNettyUpgrade.upgrade(channel, accepted.toBytes(), setup, sessionDispatcher);
    }

    private static boolean hasBody(ServerHttpRequest request) {
        org.springframework.http.HttpHeaders headers = request.getHeaders();
        if (headers.containsHeader("Transfer-Encoding")) {
            return true;
        }
        String length = headers.getFirst("Content-Length");
        return length != null && !length.trim().equals("0");
    }

    private Mono<Void> refuse(ServerWebExchange exchange, String endpoint, RefusalReason reason, int status, String text) {
        context.observer().handshakeRefused(endpoint, reason, status);
        if (log.isDebugEnabled()) {
            log.debug("WebSocket handshake refused with " + status + (endpoint == null ? "" : " on endpoint '" + endpoint + "'")
                    + " from " + exchange.getRequest().getRemoteAddress() + ": " + text);
        }
        HandshakeRejectedException refusal = new HandshakeRejectedException(status, text);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(status));
        refusal.responseHeaders().forEach((name, value) -> response.getHeaders().set(name, value));
        response.getHeaders().setContentType(new MediaType("text", "plain", StandardCharsets.UTF_8));
        DataBuffer body = response.bufferFactory().wrap(text.getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(body));
    }

    /**
     * The peer's address as WebFlux reports it (forwarded headers applied when the application
     * enabled them). When that is simply the connection's peer, the channel's own address object is
     * kept instead of WebFlux's copy, so an idle session does not hold a second one.
     */
    private static InetSocketAddress remoteAddress(ServerHttpRequest request, Channel channel) {
        InetSocketAddress address = request.getRemoteAddress();
        if (address == null) {
            return InetSocketAddress.createUnresolved("unknown", 0);
        }
        return channel.remoteAddress() instanceof InetSocketAddress peer && peer.equals(address) ? peer : address;
    }
}
