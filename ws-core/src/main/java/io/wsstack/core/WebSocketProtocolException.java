package io.wsstack.core;

/**
 * A violation by the peer that ends the connection with a specific close code.
 *
 * <p>Every rule of the engine throws a subclass of this type; exactly one place, the
 * {@code Connection}, turns it into a Close frame carrying {@link #closeCode()}. The message is
 * meant for logs and may be used as the close reason (it is kept short and never includes
 * message contents).
 */
public class WebSocketProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int closeCode;

    /** Creates an exception that closes the connection with {@code closeCode}. */
    public WebSocketProtocolException(int closeCode, String message) {
        super(message, null, false, false);
        this.closeCode = closeCode;
    }

    /** The close code (RFC 6455 §7.4.1) to send to the peer. */
    public int closeCode() {
        return closeCode;
    }

    /** 1002: the peer broke a framing or sequencing rule of RFC 6455. */
    public static final class ProtocolViolation extends WebSocketProtocolException {
        private static final long serialVersionUID = 1L;

        public ProtocolViolation(String message) {
            super(CloseCodes.PROTOCOL_ERROR, message);
        }
    }

    /** 1007: a text message or close reason was not valid UTF-8, or other data did not match its type. */
    public static final class InvalidPayload extends WebSocketProtocolException {
        private static final long serialVersionUID = 1L;

        public InvalidPayload(String message) {
            super(CloseCodes.INVALID_PAYLOAD, message);
        }
    }

    /** 1009: a frame or message (after inflation, if compressed) exceeded a configured limit. */
    public static final class MessageTooBig extends WebSocketProtocolException {
        private static final long serialVersionUID = 1L;

        public MessageTooBig(String message) {
            super(CloseCodes.MESSAGE_TOO_BIG, message);
        }
    }

    /** 1008: the peer violated a policy of this endpoint, such as the fragment count limit. */
    public static final class PolicyViolation extends WebSocketProtocolException {
        private static final long serialVersionUID = 1L;

        public PolicyViolation(String message) {
            super(CloseCodes.POLICY_VIOLATION, message);
        }
    }

    /**
     * 1013: the server cannot take this message now (its shared buffer budget is used up); the peer
     * may try again later.
     */
    public static final class TryAgainLater extends WebSocketProtocolException {
        private static final long serialVersionUID = 1L;

        public TryAgainLater(String message) {
            super(CloseCodes.TRY_AGAIN_LATER, message);
        }
    }
}
