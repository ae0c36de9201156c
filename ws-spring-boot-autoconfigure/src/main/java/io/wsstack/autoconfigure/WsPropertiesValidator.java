package io.wsstack.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.wsstack.core.deflate.DeflateMode;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.spring.PathTemplate;
import io.wsstack.spring.WsEndpointSettings;

/**
 * The rules of {@link WsProperties}, checked after binding. Each failure is an
 * {@code InvalidConfigurationPropertyValueException}, which Spring Boot's failure analysis prints
 * with the property name, its value and the reason.
 */
final class WsPropertiesValidator {

    private WsPropertiesValidator() {
    }

    static void validate(WsProperties properties) {
        WsDefaultsProperties defaults = properties.getDefaults();
        checkDefaults(defaults);
        checkDeflate(properties.getDeflate());
        Map<String, String> pathOwners = new HashMap<>();
        properties.getEndpoints().forEach((name, endpoint) -> {
            String prefix = "ws.endpoints." + name + ".";
            checkPath(prefix + "path", endpoint.getPath(), name, pathOwners);
            checkLimits(prefix, endpoint);
            if (endpoint.getSubprotocols() != null) {
                checkSubprotocols(prefix + "subprotocols", endpoint.getSubprotocols());
            }
            if (endpoint.getAllowedOrigins() != null) {
                checkOrigins(prefix + "allowed-origins", endpoint.getAllowedOrigins());
            }
            checkKeepAlive(name, endpoint, EndpointSettingsMerger.merge(name, endpoint, defaults));
        });
    }

    private static void checkDefaults(WsDefaultsProperties defaults) {
        String prefix = "ws.defaults.";
        Object[][] required = {
                { "subprotocols", defaults.getSubprotocols() },
                { "allowed-origins", defaults.getAllowedOrigins() },
                { "max-frame-size", defaults.getMaxFrameSize() },
                { "max-message-size", defaults.getMaxMessageSize() },
                { "idle-timeout", defaults.getIdleTimeout() },
                { "ping-interval", defaults.getPingInterval() },
                { "handshake-timeout", defaults.getHandshakeTimeout() },
                { "close-timeout", defaults.getCloseTimeout() },
                { "max-send-buffer", defaults.getMaxSendBuffer() },
                { "send-buffer-overflow", defaults.getSendBufferOverflow() },
                { "handler-dispatch", defaults.getHandlerDispatch() } };
        for (Object[] entry : required) {
            PropertyChecks.present(prefix + entry[0], entry[1]);
        }
        PropertyChecks.frameSize(prefix + "max-frame-size", defaults.getMaxFrameSize());
        PropertyChecks.positiveSize(prefix + "max-message-size", defaults.getMaxMessageSize());
        PropertyChecks.positiveCount(prefix + "max-fragments", defaults.getMaxFragments());
        PropertyChecks.nonNegative(prefix + "idle-timeout", defaults.getIdleTimeout());
        PropertyChecks.nonNegative(prefix + "ping-interval", defaults.getPingInterval());
        PropertyChecks.nonNegative(prefix + "handshake-timeout", defaults.getHandshakeTimeout());
        PropertyChecks.positive(prefix + "close-timeout", defaults.getCloseTimeout());
        PropertyChecks.positiveSize(prefix + "max-send-buffer", defaults.getMaxSendBuffer());
        checkSubprotocols(prefix + "subprotocols", defaults.getSubprotocols());
        checkOrigins(prefix + "allowed-origins", defaults.getAllowedOrigins());
    }

    /** The endpoint's own values; unset ones are inherited and were checked as defaults. */
    private static void checkLimits(String prefix, WsEndpointProperties endpoint) {
        PropertyChecks.frameSize(prefix + "max-frame-size", endpoint.getMaxFrameSize());
        PropertyChecks.positiveSize(prefix + "max-message-size", endpoint.getMaxMessageSize());
        PropertyChecks.positiveCount(prefix + "max-fragments", endpoint.getMaxFragments());
        PropertyChecks.nonNegative(prefix + "idle-timeout", endpoint.getIdleTimeout());
        PropertyChecks.nonNegative(prefix + "ping-interval", endpoint.getPingInterval());
        PropertyChecks.nonNegative(prefix + "handshake-timeout", endpoint.getHandshakeTimeout());
        PropertyChecks.positive(prefix + "close-timeout", endpoint.getCloseTimeout());
        PropertyChecks.positiveSize(prefix + "max-send-buffer", endpoint.getMaxSendBuffer());
    }

    /**
     * RFC 7692 §7.1.2: window bits are 8 to 15; zlib levels are -1 to 9, memory levels 1 to 9; a preset
     * excludes both, and a pooled preset excludes shared mode.
     */
    private static void checkDeflate(WsDeflateProperties deflate) {
        String prefix = "ws.deflate.";
        PropertyChecks.present(prefix + "mode", deflate.getMode());
        PropertyChecks.present(prefix + "threshold", deflate.getThreshold());
        PropertyChecks.within(prefix + "server-max-window-bits", deflate.getServerMaxWindowBits(), 8, 15);
        PropertyChecks.within(prefix + "memory-level", deflate.getMemoryLevel(), 1, 9);
        if (deflate.getPreset() != null && (deflate.getServerMaxWindowBits() != DeflateOptions.MAX_WINDOW_BITS
                || deflate.getClientMaxWindowBits() != DeflateOptions.MAX_WINDOW_BITS
                || deflate.getMemoryLevel() != DeflateOptions.DEFAULT_MEMORY_LEVEL)) {
            throw PropertyChecks.invalid(prefix + "preset", deflate.getPreset(),
                    "sets the window bits and memory level itself: remove server-max-window-bits, "
                            + "client-max-window-bits and memory-level, or the preset");
        }
        if (deflate.getPreset() != null && deflate.getPreset().mode() == DeflateMode.POOLED
                && deflate.getMode() == DeflateMode.SHARED) {
            throw PropertyChecks.invalid(prefix + "preset", deflate.getPreset(),
                    "is a pooled preset (context takeover with pooled zlib streams), which mode=shared (no context "
                            + "takeover) contradicts: remove mode, or choose a dedicated-* preset for its windows");
        }
        PropertyChecks.within(prefix + "client-max-window-bits", deflate.getClientMaxWindowBits(), 8, 15);
        PropertyChecks.within(prefix + "level", deflate.getLevel(), -1, 9);
        if (deflate.getSharedPoolCapacity() < 0) {
            throw PropertyChecks.invalid(prefix + "shared-pool-capacity", deflate.getSharedPoolCapacity(),
                    "must not be negative");
        }
        if (deflate.getThreshold() != null && deflate.getThreshold().toBytes() > Integer.MAX_VALUE) {
            throw PropertyChecks.invalid(prefix + "threshold", deflate.getThreshold(), "must be below 2GB");
        }
        PropertyChecks.nonNegativeSize(prefix + "threshold", deflate.getThreshold());
    }

    private static void checkPath(String property, String path, String name, Map<String, String> pathOwners) {
        if (path == null || path.isBlank()) {
            throw PropertyChecks.invalid(property, path,
                    "endpoint '" + name + "' needs a path, such as /" + name);
        }
        try {
            PathTemplate.parse(path);
        } catch (IllegalArgumentException ex) {
            throw PropertyChecks.invalid(property, path, ex.getMessage());
        }
        String previous = pathOwners.putIfAbsent(path, name);
        if (previous != null) {
            throw PropertyChecks.invalid(property, path,
                    "endpoint '" + previous + "' already serves this path");
        }
    }

    /** RFC 6455 §4.1: each subprotocol is a token (RFC 7230 §3.2.6), listed once. */
    private static void checkSubprotocols(String property, List<String> subprotocols) {
        Set<String> seen = new HashSet<>();
        for (String protocol : subprotocols) {
            if (!isToken(protocol)) {
                throw PropertyChecks.invalid(property, protocol,
                        "a subprotocol must be an HTTP token (RFC 6455 §4.1): letters, digits and !#$%&'*+-.^_`|~");
            }
            if (!seen.add(protocol)) {
                throw PropertyChecks.invalid(property, protocol, "listed twice");
            }
        }
    }

    /** Each origin is "*" alone, or an RFC 6454 origin: scheme, host and optional port, nothing else. */
    private static void checkOrigins(String property, List<String> origins) {
        for (String origin : origins) {
            if ("*".equals(origin)) {
                if (origins.size() > 1) {
                    throw PropertyChecks.invalid(property, origins,
                            "'*' allows every origin and must be the only entry");
                }
                continue;
            }
            if (!isOrigin(origin)) {
                throw PropertyChecks.invalid(property, origin,
                        "an origin is scheme://host[:port] with no path, such as https://example.com");
            }
        }
    }

    /** A ping interval at or beyond the idle timeout cannot keep an idle session open. */
    private static void checkKeepAlive(String name, WsEndpointProperties endpoint, WsEndpointSettings effective) {
        Duration ping = effective.pingInterval();
        Duration idle = effective.idleTimeout();
        if (!ping.isZero() && !idle.isZero() && ping.compareTo(idle) >= 0) {
            String property = EndpointSettingsMerger.sourceOf(name, endpoint, WsEndpointProperties::getPingInterval,
                    "ping-interval");
            throw PropertyChecks.invalid(property, ping,
                    "endpoint '" + name + "': ping-interval must be shorter than idle-timeout (" + idle
                            + "), or the keep-alive cannot keep an idle session open");
        }
    }

    private static boolean isToken(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean alphaNumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphaNumeric && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isOrigin(String value) {
        if (value == null) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return uri.getScheme() != null && uri.getHost() != null && uri.getUserInfo() == null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (URISyntaxException ex) {
            return false;
        }
    }
}
