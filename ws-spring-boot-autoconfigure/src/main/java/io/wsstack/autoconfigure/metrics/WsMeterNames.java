package io.wsstack.autoconfigure.metrics;

/**
 * Names and tag keys of the meters that {@link MicrometerWsObserver} publishes.
 *
 * <p>Every meter is tagged with {@link #ENDPOINT} (the configured endpoint name, or
 * {@value #NO_ENDPOINT} for an upgrade request that matched no endpoint) and at most one more tag
 * whose values come from a small fixed set. Sessions, users, remote addresses and path variables
 * are never tags, so the number of time series stays bounded by the number of endpoints.
 *
 * <p>Names are dotted and lower case; registries rename them to their own convention (Prometheus,
 * for example, exports {@code ws.payload.received} with base unit bytes as
 * {@code ws_payload_received_bytes_total}).
 */
public final class WsMeterNames {

    /** Gauge: sessions open right now. */
    public static final String SESSIONS_ACTIVE = "ws.sessions.active";
    /** Counter: sessions opened, tagged {@link #COMPRESSED}. */
    public static final String SESSIONS_OPENED = "ws.sessions.opened";
    /** Counter: sessions ended, tagged {@link #CODE}. */
    public static final String SESSIONS_CLOSED = "ws.sessions.closed";
    /** Counter: upgrade requests refused, tagged {@link #REASON}. */
    public static final String HANDSHAKES_REFUSED = "ws.handshakes.refused";
    /** Counter: data messages received, tagged {@link #TYPE}. */
    public static final String MESSAGES_RECEIVED = "ws.messages.received";
    /** Counter: data messages queued for sending, tagged {@link #TYPE}. */
    public static final String MESSAGES_SENT = "ws.messages.sent";
    /** Counter (bytes): decoded (inflated) payload of received messages, tagged {@link #TYPE}. */
    public static final String PAYLOAD_RECEIVED = "ws.payload.received";
    /** Counter (bytes): payload of sent messages before compression, tagged {@link #TYPE}. */
    public static final String PAYLOAD_SENT = "ws.payload.sent";
    /** Counter (bytes): frame bytes of received messages as they crossed the wire, tagged {@link #TYPE}. */
    public static final String WIRE_RECEIVED = "ws.wire.received";
    /** Counter (bytes): frame bytes of sent messages as encoded for the wire, tagged {@link #TYPE}. */
    public static final String WIRE_SENT = "ws.wire.sent";
    /**
     * Timer: time spent in the endpoint's handler, tagged {@link #OUTCOME}. Count and total time only
     * (a function timer that sessions update once per read batch), unless a histogram, percentiles or
     * SLOs are configured for it: then a full Timer that sees every call, with its own max.
     */
    public static final String HANDLER_DURATION = "ws.handler.duration";
    /**
     * Time gauge: the longest handler call of the last few minutes, tagged {@link #OUTCOME}; published
     * beside {@link #HANDLER_DURATION} when that is a count-and-total timer (Prometheus:
     * {@code ws_handler_duration_max_seconds}).
     */
    public static final String HANDLER_DURATION_MAX = "ws.handler.duration.max";
    /** Gauge (bytes): outbound bytes queued for slow peers, summed over the endpoint's sessions. */
    public static final String OUTBOUND_QUEUED = "ws.outbound.queued";
    /** Counter: times a session's send buffer overflowed, tagged {@link #ACTION}. */
    public static final String SLOW_CONSUMER_ACTIONS = "ws.slow.consumer.actions";
    /** Counter: sessions failed because the peer broke a protocol rule, tagged {@link #CODE}. */
    public static final String PROTOCOL_ERRORS = "ws.protocol.errors";

    /** Tag: the endpoint name. */
    public static final String ENDPOINT = "endpoint";
    /** Tag: {@code text} or {@code binary}. */
    public static final String TYPE = "type";
    /** Tag: the close code (see {@link #SESSIONS_CLOSED}); private-use ranges are grouped as {@code 3xxx} and {@code 4xxx}. */
    public static final String CODE = "code";
    /** Tag: why a handshake was refused: {@code bad_request}, {@code version}, {@code origin}, {@code interceptor}, {@code unknown_path}. */
    public static final String REASON = "reason";
    /** Tag: what a full send buffer led to: {@code closed} or {@code dropped}. */
    public static final String ACTION = "action";
    /** Tag: {@code success}, or {@code error} when the handler threw. */
    public static final String OUTCOME = "outcome";
    /** Tag: {@code true} when permessage-deflate was negotiated for the session. */
    public static final String COMPRESSED = "compressed";

    /** The {@link #ENDPOINT} value for requests that matched no configured endpoint. */
    public static final String NO_ENDPOINT = "none";

    private WsMeterNames() {
    }
}
