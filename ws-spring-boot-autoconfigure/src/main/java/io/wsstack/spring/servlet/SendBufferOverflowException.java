package io.wsstack.spring.servlet;

/**
 * Fails the future of a message that did not fit into a session's send buffer
 * ({@code max-send-buffer}): the peer reads more slowly than the application sends. Depending on
 * the endpoint's policy the session was closed with 1008 or kept open without this message.
 */
public final class SendBufferOverflowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A refusal for a buffer limited to {@code limit} bytes. */
    public SendBufferOverflowException(long limit) {
        super("send buffer of " + limit + " bytes is full", null, false, false);
    }
}
