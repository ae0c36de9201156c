package io.wsstack.autoconfigure.client;

import io.wsstack.client.HttpProxy;
import io.wsstack.client.ReconnectPolicy;
import io.wsstack.client.WsClient;
import io.wsstack.core.ConnectionSettings;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Turns {@code ws.client.*} into a {@link WsClient.Builder} and reconnect settings into a
 * {@link ReconnectPolicy}; a value the client rejects is reported with the full property name.
 */
final class WsClientSettings {

    private WsClientSettings() {
    }

    static WsClient.Builder builder(WsClientProperties.Client p) {
        WsClient.Builder builder = WsClient.builder();
        apply("ws.client.connect-timeout", p.getConnectTimeout(), () -> builder.connectTimeout(p.getConnectTimeout()));
        apply("ws.client.handshake-timeout", p.getHandshakeTimeout(), () -> builder.handshakeTimeout(p.getHandshakeTimeout()));
        apply("ws.client.max-message-size", p.getMaxMessageSize(), () -> builder.connectionSettings(ConnectionSettings.builder()
                .maxFrameSize(toInt("ws.client.max-frame-size", p.getMaxFrameSize().toBytes()))
                .maxMessageSize(p.getMaxMessageSize().toBytes()).build()));
        apply("ws.client.max-send-buffer", p.getMaxSendBuffer(), () -> builder.maxSendBuffer(p.getMaxSendBuffer().toBytes()));
        apply("ws.client.idle-timeout", p.getIdleTimeout(), () -> builder.idleTimeout(p.getIdleTimeout()));
        apply("ws.client.ping-interval", p.getPingInterval(), () -> builder.pingInterval(p.getPingInterval()));
        apply("ws.client.pong-timeout", p.getPongTimeout(), () -> builder.pongTimeout(p.getPongTimeout()));
        apply("ws.client.close-timeout", p.getCloseTimeout(), () -> builder.closeTimeout(p.getCloseTimeout()));
        apply("ws.client.follow-redirects", p.getFollowRedirects(), () -> builder.followRedirects(p.getFollowRedirects()));
        if (!p.isCompression()) {
            builder.noCompression();
        }
        WsClientProperties.Proxy proxy = p.getProxy();
        if (proxy.getHost() != null && !proxy.getHost().isBlank()) {
            apply("ws.client.proxy.host", proxy.getHost(), () -> {
                HttpProxy http = HttpProxy.of(proxy.getHost(), proxy.getPort()).withBypass(proxy.getBypass());
                builder.proxy(proxy.getUsername() == null ? http
                        : http.withCredentials(proxy.getUsername(), proxy.getPassword() == null ? "" : proxy.getPassword()));
            });
        }
        return builder;
    }

    /** The policy of {@code reconnect} (already merged over the defaults), or {@code null} when it is off. */
    static ReconnectPolicy policy(String prefix, WsClientProperties.Reconnect reconnect) {
        if (!Boolean.TRUE.equals(reconnect.getEnabled())) {
            return null;
        }
        ReconnectPolicy.Builder builder = ReconnectPolicy.builder();
        apply(prefix + ".initial-delay", reconnect.getInitialDelay(), () -> builder.initialDelay(reconnect.getInitialDelay()));
        apply(prefix + ".max-delay", reconnect.getMaxDelay(), () -> builder.maxDelay(reconnect.getMaxDelay()));
        apply(prefix + ".multiplier", reconnect.getMultiplier(), () -> builder.multiplier(reconnect.getMultiplier()));
        apply(prefix + ".max-attempts", reconnect.getMaxAttempts(), () -> builder.maxAttempts(reconnect.getMaxAttempts()));
        apply(prefix + ".max-elapsed", reconnect.getMaxElapsed(), () -> builder.maxElapsed(reconnect.getMaxElapsed()));
        apply(prefix + ".queue-while-disconnected", reconnect.getQueueWhileDisconnected(),
                () -> builder.queueWhileDisconnected(reconnect.getQueueWhileDisconnected().toBytes()));
        ReconnectPolicy[] built = new ReconnectPolicy[1];
        apply(prefix + ".max-delay", reconnect.getMaxDelay(), () -> built[0] = builder.build());
        return built[0];
    }

    private static int toInt(String property, long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            throw new InvalidConfigurationPropertyValueException(property, bytes, "must be at most 2GB");
        }
        return (int) bytes;
    }

    private static void apply(String property, Object value, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidConfigurationPropertyValueException(property, value, e.getMessage());
        }
    }
}
