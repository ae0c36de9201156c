package io.wsstack.proxy;

import io.wsstack.client.WsClient;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.spring.PathTemplate;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointContributor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The proxy routes as endpoints of the starter's transport: one endpoint per route, whose handler
 * opens the upstream connection during the client's handshake and relays the session. Each route
 * has its own {@link WsClient} for the upstream hop; {@link #close()} aborts whatever upstream
 * connections are still open (the transport's graceful shutdown has closed their clients with 1001
 * and the upstreams with it before this runs).
 */
public final class ProxyRoutes implements WsEndpointContributor, AutoCloseable {

    private final List<WsEndpoint> endpoints = new ArrayList<>();
    private final List<UpstreamDialer> dialers = new ArrayList<>();

    /**
     * @param routes          the routes, in declaration order
     * @param upstreamDeflate the permessage-deflate offer of the upstream hop, or {@code null} for none
     * @param scheduler       a timer thread for short, non-blocking deadline tasks (the transport's)
     */
    public ProxyRoutes(List<ProxyRoute> routes, DeflateOptions upstreamDeflate, ScheduledExecutorService scheduler) {
        for (ProxyRoute route : routes) {
            UpstreamDialer dialer = new UpstreamDialer(client(route, upstreamDeflate), route.connectTimeout(),
                    handshakeTimeout(route));
            dialers.add(dialer);
            endpoints.add(new WsEndpoint(route.settings(), PathTemplate.parse(route.settings().path()),
                    new ProxyHandler(route, dialer, scheduler)));
        }
    }

    private static WsClient client(ProxyRoute route, DeflateOptions deflate) {
        WsClient.Builder builder = WsClient.builder()
                .connectTimeout(route.connectTimeout())
                .handshakeTimeout(handshakeTimeout(route))
                .connectionSettings(route.upstreamLimits())
                .maxSendBuffer(route.settings().maxSendBuffer())
                .idleTimeout(route.settings().idleTimeout())
                .pingInterval(route.settings().pingInterval())
                .closeTimeout(route.settings().closeTimeout())
                .threadFactory(threads(route.name()));
        return (deflate == null ? builder.noCompression() : builder.permessageDeflate(deflate)).build();
    }

    /** The route's handshake timeout bounds the upstream's answer too; when it is off, 10 s still does. */
    private static Duration handshakeTimeout(ProxyRoute route) {
        Duration configured = route.settings().handshakeTimeout();
        return configured.isZero() ? Duration.ofSeconds(10) : configured;
    }

    private static ThreadFactory threads(String route) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "ws-proxy-" + route + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public List<WsEndpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    /** Aborts the upstream connections still open and stops the upstream clients' timer threads. */
    @Override
    public void close() {
        dialers.forEach(UpstreamDialer::close);
    }
}
