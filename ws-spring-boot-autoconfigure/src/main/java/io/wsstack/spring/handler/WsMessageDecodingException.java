package io.wsstack.spring.handler;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.WebSocketProtocolException;

/**
 * A text message could not be decoded into the type a {@code @WsHandler} method takes, for
 * example malformed JSON. The transport closes the session with its {@link #closeCode()}, 1007:
 * RFC 6455 §7.4.1 reserves 1007 for "data within a message that was not consistent with the type
 * of the message", which describes text that is not the JSON the endpoint expects. (1003 is for a
 * kind of message the endpoint does not take at all; see {@link WsUnsupportedMessageException}.)
 */
public final class WsMessageDecodingException extends WebSocketProtocolException {

    private static final long serialVersionUID = 1L;

    /** A decoding failure; the message is for logs and the close reason and never quotes the payload. */
    public WsMessageDecodingException(String message) {
        super(CloseCodes.INVALID_PAYLOAD, message);
    }
}
