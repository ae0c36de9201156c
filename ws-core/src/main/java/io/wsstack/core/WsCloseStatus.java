package io.wsstack.core;

/**
 * A close code and reason, as sent or received in a Close frame (RFC 6455 §5.5.1, §7.4), or as
 * reported when a connection ended without one (1005 no status, 1006 abnormal closure). The one
 * close-status type of every module: server sessions, the Spring client and the I/O client all
 * report and accept it. Named {@code WsCloseStatus} so that it never clashes with Spring's
 * {@code org.springframework.web.socket.CloseStatus} in an application that uses both.
 *
 * @param code   the close code (RFC 6455 §7.4): the peer's, ours after a protocol violation, or
 *               1006 when the connection ended without a closing handshake
 * @param reason the reason text, {@code ""} when there was none, never {@code null}
 */
public record WsCloseStatus(int code, String reason) {

    /** 1000, normal closure. */
    public static final WsCloseStatus NORMAL = new WsCloseStatus(CloseCodes.NORMAL_CLOSURE, "");
    /** 1001, going away: used when the application shuts down. */
    public static final WsCloseStatus GOING_AWAY = new WsCloseStatus(CloseCodes.GOING_AWAY, "");
    /** 1006, the connection was lost without a close handshake. */
    public static final WsCloseStatus ABNORMAL = new WsCloseStatus(CloseCodes.ABNORMAL_CLOSURE, "");

    public WsCloseStatus {
        reason = reason == null ? "" : reason;
    }

    /** A status with a code and no reason. */
    public static WsCloseStatus of(int code) {
        return new WsCloseStatus(code, "");
    }
}
