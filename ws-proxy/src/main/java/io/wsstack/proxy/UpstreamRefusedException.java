package io.wsstack.proxy;

/**
 * The upstream handshake did not produce a WebSocket connection; {@link #status()} is what the
 * client is answered: the upstream's own 4xx/5xx status, 502 (bad gateway: unreachable, or an answer
 * that is not a valid upgrade), 504 (gateway timeout), or 400 when the client's request cannot be
 * turned into a valid upstream request.
 */
final class UpstreamRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Bad gateway: the upstream could not be reached or did not answer with a valid upgrade. */
    static final int BAD_GATEWAY = 502;
    /** Gateway timeout: the upstream did not accept the connection or answer the upgrade in time. */
    static final int GATEWAY_TIMEOUT = 504;

    private final int status;

    UpstreamRefusedException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    /** The HTTP status to answer the client with. */
    int status() {
        return status;
    }
}
