package io.wsstack.proxy;

/**
 * The upstream handshake did not produce a WebSocket connection; {@link #status()} is what the
 * client is answered: the upstream's own 4xx/5xx status, 502 (bad gateway: unreachable, or an answer
 * that is not a valid upgrade) or 504 (gateway timeout).
 */
public final class UpstreamRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Bad gateway: the upstream could not be reached or did not answer with a valid upgrade. */
    public static final int BAD_GATEWAY = 502;
    /** Gateway timeout: the upstream did not accept the connection or answer the upgrade in time. */
    public static final int GATEWAY_TIMEOUT = 504;

    private final int status;

    public UpstreamRefusedException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    /** The HTTP status to answer the client with. */
    public int status() {
        return status;
    }
}
