package io.wsstack.core.handshake;

/**
 * Bytes that are not an acceptable HTTP/1.1 message head, or one larger than the parser's caps.
 * {@link #kind()} says which rule was broken; {@link #httpStatus()} is the status a server answers with.
 */
public final class MalformedHttpHeadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The rule a head broke. */
    public enum Kind {
        /** The head did not end within the byte cap (answered with 431, RFC 6585 §5). */
        HEAD_TOO_LARGE(431),
        /** More header lines than the cap (answered with 431, RFC 6585 §5). */
        TOO_MANY_HEADER_LINES(431),
        /** A line ended in a bare LF, or a CR was not followed by LF (RFC 9112 §2.2). */
        BAD_LINE_ENDING(400),
        /** A header line began with whitespace: obsolete line folding (RFC 9112 §5.2). */
        OBSOLETE_LINE_FOLDING(400),
        /** The request line or status line does not follow RFC 9112 §3 or §4. */
        MALFORMED_START_LINE(400),
        /** A header line has no colon, or its name is empty, not a token, non-ASCII or followed by whitespace (RFC 9112 §5.1). */
        INVALID_HEADER_NAME(400),
        /** A header value holds a control character such as NUL (RFC 9110 §5.5). */
        INVALID_HEADER_VALUE(400);

        private final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        /** The HTTP status a server answers a request head with this defect. */
        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Kind kind;

    /** Creates an exception of the given kind; the message must not quote the peer's bytes. */
    public MalformedHttpHeadException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /** Which rule the head broke. */
    public Kind kind() {
        return kind;
    }

    /** The HTTP status a server answers with: 431 for the size caps, 400 otherwise. */
    public int httpStatus() {
        return kind.httpStatus();
    }
}
