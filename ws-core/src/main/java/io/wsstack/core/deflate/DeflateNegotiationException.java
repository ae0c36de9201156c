package io.wsstack.core.deflate;

/**
 * A {@code permessage-deflate} extension element that cannot be agreed to (RFC 7692 §7.1).
 *
 * <p>A client receives it when the server's response is not acceptable; RFC 7692 §5 then requires
 * the client to fail the WebSocket connection, so the handshake layer reports it as a failed
 * handshake. A server never lets it escape: an unacceptable offer is declined and the next one is
 * tried. The {@link #reason()} tells callers and tests which rule was broken without parsing text.
 * Stackless, because hostile offers can make a server build many of them.
 */
public final class DeflateNegotiationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Which rule an extension element broke. */
    public enum Reason {
        /** A parameter that RFC 7692 §7.1 does not define. */
        UNKNOWN_PARAMETER,
        /** The same parameter twice in one element (RFC 7692 §7.1 forbids it). */
        DUPLICATE_PARAMETER,
        /** A window bits value that is not a plain decimal 8–15 (RFC 7692 §7.1.2). */
        INVALID_VALUE,
        /** A parameter that needs a value was sent without one. */
        MISSING_VALUE,
        /** A value on a parameter that takes none, such as {@code server_no_context_takeover=1}. */
        UNEXPECTED_VALUE,
        /** {@code client_max_window_bits} in a response to an offer without it (RFC 7692 §7.1.2.2). */
        UNSOLICITED_PARAMETER,
        /** A value larger than the one offered. */
        VALUE_ABOVE_OFFER,
        /** More than one {@code permessage-deflate} element in a response (RFC 6455 §9.1). */
        DUPLICATE_EXTENSION,
        /** A window smaller than 2^15 for our own compressor, which java.util.zip cannot honour. */
        UNSUPPORTED_WINDOW
    }

    private final Reason reason;

    /** Creates an exception for {@code reason}, with a message naming the offending parameter. */
    public DeflateNegotiationException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** The rule that was broken. */
    public Reason reason() {
        return reason;
    }
}
