package io.wsstack.core.handshake;

/**
 * The client's verdict that a server's answer does not complete the opening handshake
 * (RFC 6455 §4.1, "the client MUST Fail the WebSocket Connection"). {@link #reason()} names the
 * rule broken; for {@link Reason#NOT_101} {@link #status()} holds the status the server sent.
 */
public final class HandshakeFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The client-side rule of RFC 6455 §4.1 that the response broke. */
    public enum Reason {
        /** The response head is not valid HTTP/1.1, exceeds the head caps, or is not HTTP/1.1 or later. */
        MALFORMED_RESPONSE,
        /** The status is not 101 Switching Protocols (§4.1, response rule 1); see {@link #status()}. */
        NOT_101,
        /** {@code Upgrade} is missing or is not {@code websocket} in any case (§4.1, response rule 2). */
        MISSING_UPGRADE,
        /** {@code Connection} does not list {@code Upgrade} in any case (§4.1, response rule 3). */
        MISSING_CONNECTION_UPGRADE,
        /** {@code Sec-WebSocket-Accept} is missing, repeated, or not the value the key requires (§4.1, response rule 4). */
        BAD_ACCEPT,
        /** {@code Sec-WebSocket-Extensions} does not follow the grammar of §9.1 (§4.1, response rule 5). */
        MALFORMED_EXTENSIONS,
        /** {@code Sec-WebSocket-Extensions} names an extension the client did not offer (§4.1, response rule 5). */
        UNOFFERED_EXTENSION,
        /** {@code Sec-WebSocket-Protocol} names more than one protocol, or is not a token (§4.1, response rule 6). */
        MALFORMED_SUBPROTOCOL,
        /** {@code Sec-WebSocket-Protocol} names a protocol the client did not offer, or any protocol when none was offered (§4.1, response rule 6). */
        UNOFFERED_SUBPROTOCOL
    }

    private final Reason reason;
    private final int status;
    private final transient HttpHeaders headers;

    /** A failure for {@code reason}; {@code status} is the response status, or -1 if none was read. */
    public HandshakeFailedException(Reason reason, int status, String message) {
        this(reason, status, message, null);
    }

    /**
     * A failure for {@code reason} with the response's headers, so that a client can act on a refusal:
     * follow a redirect's {@code Location}, honour a {@code Retry-After}.
     */
    public HandshakeFailedException(Reason reason, int status, String message, HttpHeaders headers) {
        super(message, null, false, false);
        this.reason = reason;
        this.status = status;
        this.headers = headers;
    }

    /** Which rule the response broke. */
    public Reason reason() {
        return reason;
    }

    /** The response's headers, or {@code null} when the response could not be read as HTTP. */
    public HttpHeaders headers() {
        return headers;
    }

    /** The response status, or -1 when the response could not be read as HTTP. */
    public int status() {
        return status;
    }
}
