package io.wsstack.spring;

import io.wsstack.core.CloseCodes;

/**
 * A close code and reason, as sent or received in a Close frame (RFC 6455 §5.5.1, §7.4), or as
 * reported when a connection ended without one (1005 no status, 1006 abnormal closure).
 *
 * @param code   the close code
 * @param reason the reason text, never {@code null}
 */
public record CloseStatus(int code, String reason) {

    /** 1000, normal closure. */
    public static final CloseStatus NORMAL = new CloseStatus(CloseCodes.NORMAL_CLOSURE, "");
    /** 1001, going away: used when the application shuts down. */
    public static final CloseStatus GOING_AWAY = new CloseStatus(CloseCodes.GOING_AWAY, "");
    /** 1006, the connection was lost without a close handshake. */
    public static final CloseStatus ABNORMAL = new CloseStatus(CloseCodes.ABNORMAL_CLOSURE, "");

    public CloseStatus {
        reason = reason == null ? "" : reason;
    }

    /** A status with a code and no reason. */
    public static CloseStatus of(int code) {
        return new CloseStatus(code, "");
    }
}
