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
 * has its own {@link WsClient} for the upstream hop. On shutdown the transport closes every client
 * session with 1001, which closes its upstream with 1001; {@link #close()} then waits for those
 * closing handshakes and aborts whatever is left.
 */
public final class ProxyRoutes implements WsEndpointContributor, AutoCloseable {

    private final List<WsEndpoint> endpoints = new ArrayList<>();
    private final List<UpstreamDialer> dialers = new ArrayList<>();
    private Duration longestCloseTimeout = Duration.ZERO;

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
            if (route.settings().closeTimeout().compareTo(longestCloseTimeout) > 0) {
                longestCloseTimeout = route.settings().closeTimeout();
            }
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
        if (route.tls() != null) {
            builder.sslContext(route.tls());
        }
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

    /**
     * Lets the upstream closing handshakes started by the shutdown finish (up to the longest close
     * timeout), then aborts the upstream connections still open and stops the upstream clients.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + longestCloseTimeout.toNanos();
        try {
            for (UpstreamDialer dialer : dialers) {
                dialer.awaitIdle(deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            dialers.forEach(UpstreamDialer::close);
        }
    }
}
