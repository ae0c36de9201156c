package io.wsstack.proxy;

import io.wsstack.core.ConnectionSettings;
import io.wsstack.spring.WsEndpointSettings;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.Objects;

/**
 * One reverse-proxy route: the endpoint clients connect to, and where and how its sessions are
 * relayed.
 *
 * @param settings       the client-facing endpoint's settings (path, origins, limits, timeouts);
 *                       the upstream hop uses the same limits and timeouts
 * @param upstream       the upstream URI template
 * @param headers        which request headers go upstream
 * @param connectTimeout deadline for the TCP (and TLS) connection to the upstream
 * @param sendTimeout    how long a relayed message may wait for the slower side
 * @param tls            TLS for a {@code wss://} upstream, or {@code null} for the JVM's default
 */
public record ProxyRoute(WsEndpointSettings settings, UpstreamTemplate upstream, HeaderForwarding headers,
                         Duration connectTimeout, Duration sendTimeout, SSLContext tls) {

    public ProxyRoute {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(sendTimeout, "sendTimeout");
    }

    /** The route name, which is also its endpoint name (meters, Actuator). */
    public String name() {
        return settings.name();
    }

    /** The frame engine limits of the upstream hop: the same as the client's. */
    public ConnectionSettings upstreamLimits() {
        return ConnectionSettings.builder()
                .maxFrameSize(settings.maxFrameSize())
                .maxMessageSize(settings.maxMessageSize())
                .maxFragments(settings.maxFragments())
                .build();
    }
}
