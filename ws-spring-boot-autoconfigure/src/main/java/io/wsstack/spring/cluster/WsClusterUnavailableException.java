package io.wsstack.spring.cluster;

/**
 * A message could not be handed to the other instances: the broker is unreachable, too many
 * publishes are already waiting for it, or it did not answer in time. Delivery to this instance's
 * own sessions has still happened; the message is not kept for a later retry.
 */
public class WsClusterUnavailableException extends RuntimeException {

    private final int localRecipients;

    public WsClusterUnavailableException(String message, int localRecipients, Throwable cause) {
        super(message, cause);
        this.localRecipients = localRecipients;
    }

    /** Sessions of this instance that were sent the message anyway. */
    public int localRecipients() {
        return localRecipients;
    }
}
