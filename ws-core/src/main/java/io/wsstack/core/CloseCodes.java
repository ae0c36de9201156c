package io.wsstack.core;

/**
 * Close status codes of RFC 6455 §7.4.1 and the IANA registry, and the rule of §7.4.2 for
 * which of them may appear in a Close frame on the wire.
 */
public final class CloseCodes {

    /** 1000: the purpose of the connection has been fulfilled. */
    public static final int NORMAL_CLOSURE = 1000;
    /** 1001: the endpoint is going away (server shutdown, page navigation). */
    public static final int GOING_AWAY = 1001;
    /** 1002: the peer broke the protocol. */
    public static final int PROTOCOL_ERROR = 1002;
    /** 1003: the endpoint cannot accept this type of data. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** 1005: no status code was present; never sent on the wire. */
    public static final int NO_STATUS_RECEIVED = 1005;
    /** 1006: the connection was lost without a Close frame; never sent on the wire. */
    public static final int ABNORMAL_CLOSURE = 1006;
    /** 1007: a message's data was inconsistent with its type (for example invalid UTF-8 in text). */
    public static final int INVALID_PAYLOAD = 1007;
    /** 1008: a message violated the endpoint's policy. */
    public static final int POLICY_VIOLATION = 1008;
    /** 1009: a frame or message is too big to process. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** 1010: the client expected the server to negotiate an extension it did not. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** 1011: the server met an unexpected condition. */
    public static final int INTERNAL_ERROR = 1011;
    /** 1012: the service is restarting (IANA registry). */
    public static final int SERVICE_RESTART = 1012;
    /** 1013: try again later (IANA registry). */
    public static final int TRY_AGAIN_LATER = 1013;
    /** 1014: a gateway or proxy received an invalid response from upstream (IANA registry). */
    public static final int BAD_GATEWAY = 1014;
    /** 1015: the TLS handshake failed; never sent on the wire. */
    public static final int TLS_HANDSHAKE = 1015;

    private CloseCodes() {
    }

    /**
     * Whether {@code code} may be carried by a Close frame (RFC 6455 §7.4.1, §7.4.2): 1000–1003,
     * 1007–1014 and the 3000–4999 range for libraries, frameworks and applications. Everything
     * else — 0–999, 1004–1006, 1015, unassigned 1016–2999 and 5000 and above — is a protocol error.
     */
    public static boolean isValidOnWire(int code) {
        return (code >= 1000 && code <= 1003)
                || (code >= 1007 && code <= 1014)
                || (code >= 3000 && code <= 4999);
    }

    /** A short human-readable name for a close code, for logs and meter tags. */
    public static String name(int code) {
        return switch (code) {
            case NORMAL_CLOSURE -> "normal";
            case GOING_AWAY -> "going-away";
            case PROTOCOL_ERROR -> "protocol-error";
            case UNSUPPORTED_DATA -> "unsupported-data";
            case NO_STATUS_RECEIVED -> "no-status";
            case ABNORMAL_CLOSURE -> "abnormal";
            case INVALID_PAYLOAD -> "invalid-payload";
            case POLICY_VIOLATION -> "policy-violation";
            case MESSAGE_TOO_BIG -> "message-too-big";
            case MANDATORY_EXTENSION -> "mandatory-extension";
            case INTERNAL_ERROR -> "internal-error";
            case SERVICE_RESTART -> "service-restart";
            case TRY_AGAIN_LATER -> "try-again-later";
            case BAD_GATEWAY -> "bad-gateway";
            case TLS_HANDSHAKE -> "tls-handshake";
            default -> code >= 3000 && code <= 4999 ? "application" : "other";
        };
    }
}
