package io.wsstack.core.handshake;

/**
 * A server's refusal of an opening handshake: the HTTP status to answer with, a short reason for
 * logs and the response body, and the header lines the answer must carry.
 *
 * <p>Every refusal carries {@code Connection: close}: after a failed upgrade the connection is not
 * reused, so bytes the client sent behind its request can never be read as a second request. A 426
 * also carries {@code Sec-WebSocket-Version: 13}, which tells the client the version this server
 * speaks (RFC 6455 §4.2.2, §4.4). The reasons this package writes never quote the client's bytes.
 */
public final class HandshakeRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * A refusal with {@code status} (such as 400, 403 or 426) and {@code reason}; {@code Connection: close}
     * is added, and {@code Sec-WebSocket-Version: 13} too when the status is 426.
     */
    public HandshakeRejectedException(int status, String reason) {
        super(reason, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a refusal needs a 4xx or 5xx status, not " + status);
        }
        this.status = status;
    }

    /** 400 Bad Request. */
    static HandshakeRejectedException badRequest(String reason) {
        return new HandshakeRejectedException(400, reason);
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }

    /** Why the handshake was refused, in a short sentence fit for the response body and logs. */
    public String reason() {
        return getMessage();
    }

    /**
     * The header lines the refusal must carry: {@code Connection: close}, plus
     * {@code Sec-WebSocket-Version: 13} for a 426. A new instance the caller may change.
     */
    public HttpHeaders responseHeaders() {
        HttpHeaders headers = new HttpHeaders().add("Connection", "close");
        if (status == 426) {
            headers.add("Sec-WebSocket-Version", ServerHandshake.SUPPORTED_VERSION);
        }
        return headers;
    }

    /**
     * The whole refusal as bytes for a server that writes to a socket itself: status line, these
     * headers, {@code Content-Type}, {@code Content-Length} and the reason as a one-line text body.
     */
    public byte[] toResponseBytes() {
        return HttpResponseWriter.refusal(status, reason(), responseHeaders());
    }
}
