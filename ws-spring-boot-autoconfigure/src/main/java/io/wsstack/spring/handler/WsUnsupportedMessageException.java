package io.wsstack.spring.handler;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.WebSocketProtocolException;

/**
 * A text message arrived at an endpoint with only a binary handler, or the other way round. The
 * transport closes the session with {@link #closeCode()}, 1003, which RFC 6455 §7.4.1 defines for
 * "a type of data it cannot accept (e.g., an endpoint that understands only text data MAY send
 * this if it receives a binary message)".
 */
public final class WsUnsupportedMessageException extends WebSocketProtocolException {

    private static final long serialVersionUID = 1L;

    /** A message of a kind the endpoint does not take. */
    public WsUnsupportedMessageException(String message) {
        super(CloseCodes.UNSUPPORTED_DATA, message);
    }
}
