package io.wsstack.autoconfigure.actuate;

import io.wsstack.autoconfigure.actuate.WsSessionTracker.Activity;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.spring.WsEndpointSettings;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Map;

/**
 * What the {@code ws} Actuator endpoint reports: every WebSocket endpoint with its effective
 * settings and its live session counts. Durations are ISO-8601 text (e.g. {@code PT30S}), the
 * same form the properties accept.
 *
 * @param endpoints the endpoints, in declaration order
 * @param deflate   the permessage-deflate settings every endpoint offers, or {@code null} when
 *                  compression is off
 */
public record WsEndpointsDescriptor(List<EndpointDescriptor> endpoints, @Nullable Deflate deflate) {

    /**
     * One endpoint.
     *
     * @param name           the endpoint name
     * @param path           the path template
     * @param subprotocols   supported subprotocols, in preference order
     * @param allowedOrigins allowed origins; empty means same-origin only
     * @param limits         size limits
     * @param timeouts       timeouts and intervals
     * @param sessions       live session counts
     * @param handlerDispatch where its handlers run, per transport the application serves connections
     *                       on: {@code worker} (the session's handler lane), {@code event-loop} or
     *                       {@code container} (the servlet container's threads, whatever
     *                       {@code handler-dispatch} says), keyed by {@code tomcat-socket},
     *                       {@code servlet-upgrade} or {@code reactor-netty}
     */
    public record EndpointDescriptor(String name, String path, List<String> subprotocols, List<String> allowedOrigins,
            Limits limits, Timeouts timeouts, Activity sessions, Map<String, String> handlerDispatch) {

        static EndpointDescriptor of(WsEndpointSettings settings, Activity activity, Map<String, String> handlerDispatch) {
            return new EndpointDescriptor(settings.name(), settings.path(), settings.subprotocols(),
                    settings.allowedOrigins(),
                    new Limits(settings.maxFrameSize(), settings.maxMessageSize(), settings.maxFragments(),
                            settings.maxSendBuffer(), settings.overflowPolicy().name()),
                    new Timeouts(settings.idleTimeout().toString(), settings.pingInterval().toString(),
                            settings.handshakeTimeout().toString(), settings.closeTimeout().toString()),
                    activity, handlerDispatch);
        }
    }

    /**
     * Size limits of one endpoint.
     *
     * @param maxFrameSize   largest frame payload in bytes
     * @param maxMessageSize largest message in bytes, after inflation
     * @param maxFragments   most frames in one message
     * @param maxSendBuffer  most bytes queued for a slow peer
     * @param overflowPolicy what happens when the send buffer is full ({@code CLOSE} or {@code DROP_NEWEST})
     */
    public record Limits(int maxFrameSize, long maxMessageSize, int maxFragments, long maxSendBuffer,
            String overflowPolicy) {
    }

    /**
     * Timeouts and intervals of one endpoint; {@code PT0S} means disabled where that is allowed.
     *
     * @param idleTimeout      idle sessions are closed after this
     * @param pingInterval     keep-alive ping interval
     * @param handshakeTimeout deadline for the upgrade request
     * @param closeTimeout     wait for the peer's Close before dropping the connection
     */
    public record Timeouts(String idleTimeout, String pingInterval, String handshakeTimeout, String closeTimeout) {
    }

    /**
     * The permessage-deflate settings (RFC 7692) the server answers offers with.
     *
     * @param mode                    {@code DEDICATED} (compressors per session) or {@code SHARED} (pooled per message)
     * @param serverNoContextTakeover whether the server resets its compressor after each message (§7.1.1.1)
     * @param clientNoContextTakeover whether clients are told to reset theirs (§7.1.1.2)
     * @param serverMaxWindowBits     the server's LZ77 window exponent (§7.1.2.1)
     * @param clientMaxWindowBits     the window exponent answered to clients that offer one (§7.1.2.2), or {@code null}
     * @param compressionLevel        the deflate level, 0–9, or -1 for the library default
     * @param threshold               messages shorter than this many bytes are sent uncompressed
     */
    public record Deflate(String mode, boolean serverNoContextTakeover, boolean clientNoContextTakeover,
            int serverMaxWindowBits, @Nullable Integer clientMaxWindowBits, int compressionLevel, int threshold) {

        static Deflate of(DeflateOptions options) {
            return new Deflate(options.mode().name(), options.serverNoContextTakeover(),
                    options.clientNoContextTakeover(), options.serverMaxWindowBits(),
                    options.clientMaxWindowBits().isPresent() ? options.clientMaxWindowBits().getAsInt() : null,
                    options.compressionLevel(), options.threshold());
        }
    }
}
