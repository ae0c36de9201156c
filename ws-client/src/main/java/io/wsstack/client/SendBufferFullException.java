package io.wsstack.client;

/**
 * Fails the future of a send that would push a session's queued outgoing bytes beyond
 * {@link WsClient.Builder#maxSendBuffer(long)} while some are still waiting for a slow server.
 * Nothing of the message was encoded or sent (so a compression context stays in step), and the
 * session stays open: the caller may retry later, drop the message, or close.
 */
public final class SendBufferFullException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long queued;
    private final long limit;

    /** A refusal of {@code size} bytes while {@code queued} bytes wait and the limit is {@code limit}. */
    public SendBufferFullException(long size, long queued, long limit) {
        super("send of " + size + " bytes refused: " + queued + " bytes already queued, limit " + limit);
        this.queued = queued;
        this.limit = limit;
    }

    /** Bytes that were waiting to be written when the send was refused. */
    public long queued() {
        return queued;
    }

    /** The session's send buffer limit, in bytes. */
    public long limit() {
        return limit;
    }
}
