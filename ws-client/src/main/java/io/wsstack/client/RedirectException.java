package io.wsstack.client;

import java.net.URI;

/**
 * A redirect answer to the upgrade that the client did not follow: more redirects than
 * {@link WsClient.Builder#followRedirects(int)} allows, a {@code Location} that is missing or not a
 * WebSocket or HTTP URI, or one that would downgrade {@code wss} to {@code ws} (the request, its
 * credentials and every later message would then travel in clear text).
 */
public final class RedirectException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient URI location;

    public RedirectException(int status, URI location, String message) {
        super(message);
        this.status = status;
        this.location = location;
    }

    /** The redirect's status, such as 301 or 307. */
    public int status() {
        return status;
    }

    /** Where the server pointed, or {@code null} when its {@code Location} was missing or invalid. */
    public URI location() {
        return location;
    }
}
