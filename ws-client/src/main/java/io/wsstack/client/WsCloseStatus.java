package io.wsstack.client;

/**
 * How a session ended, as reported to {@link WsClientListener#onClose} and by
 * {@link WsClientSession#closeFuture()}.
 *
 * @param code   the close code (RFC 6455 §7.4): the server's, ours after a protocol violation, or
 *               1006 when the connection ended without a closing handshake
 * @param reason the close reason, {@code ""} when there was none
 */
public record WsCloseStatus(int code, String reason) {

    public WsCloseStatus {
        reason = reason == null ? "" : reason;
    }
}
