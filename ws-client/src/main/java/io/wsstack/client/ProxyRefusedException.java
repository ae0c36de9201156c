package io.wsstack.client;

import java.io.IOException;

/**
 * The HTTP proxy refused the tunnel: {@link #status()} is its answer to {@code CONNECT}, such as 407
 * (proxy authentication required), 403 (the proxy's policy forbids the target) or 502 (the proxy could
 * not reach the server). A {@link ReconnectPolicy} retries 5xx by default and not 4xx.
 */
public final class ProxyRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public ProxyRefusedException(int status) {
        super("the HTTP proxy answered CONNECT with " + status
                + (status == 407 ? " (proxy authentication required)" : ""));
        this.status = status;
    }

    /** The proxy's status code. */
    public int status() {
        return status;
    }
}
