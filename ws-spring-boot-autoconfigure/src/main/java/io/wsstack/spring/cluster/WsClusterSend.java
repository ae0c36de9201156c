package io.wsstack.spring.cluster;

/**
 * What a cluster-wide send did.
 *
 * @param localRecipients sessions of this instance that were sent the message
 * @param otherInstances  other instances that received the message to deliver to their own
 *                        sessions (0 when the target has no members elsewhere, or in a single-instance setup)
 */
public record WsClusterSend(int localRecipients, long otherInstances) {
}
