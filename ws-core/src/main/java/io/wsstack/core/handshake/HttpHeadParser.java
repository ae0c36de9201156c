package io.wsstack.core.handshake;

import io.wsstack.core.handshake.MalformedHttpHeadException.Kind;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one HTTP/1.1 request head or response head (RFC 9112 §2.1: start line, header lines, empty
 * line) from bytes that may arrive in any number of pieces.
 *
 * <p>Each call consumes bytes from the buffer's position. While the head is incomplete it consumes
 * everything and returns {@code null}; the call that completes the head consumes exactly up to the
 * end of the empty line and leaves any further bytes in the buffer. Those bytes already belong to
 * the WebSocket connection (for example frames a server sent in the same segment as its 101), so
 * the caller hands them on in order. {@link #headLength()} then reports how many bytes the head used.
 *
 * <p>Rules, each failing with a {@link MalformedHttpHeadException} of its own {@link Kind}:
 * <ul>
 *   <li>the whole head, empty line included, is at most {@code maxHeadBytes} (8 KiB by default) and
 *       has at most {@code maxHeaderLines} header lines (100 by default); the check happens as bytes
 *       arrive, so memory never exceeds the cap;</li>
 *   <li>every line ends in CRLF. A bare LF or a bare CR is rejected rather than tolerated: RFC 9112
 *       §2.2 allows either choice, and two parties disagreeing on where a line ends is how request
 *       smuggling starts;</li>
 *   <li>a header line starting with whitespace (obsolete line folding) is rejected (RFC 9112 §5.2);</li>
 *   <li>a header name is a non-empty token directly followed by a colon (RFC 9112 §5.1);</li>
 *   <li>a header value holds no control characters other than HTAB; bytes 0x80–0xFF are kept and
 *       read as ISO-8859-1; surrounding spaces and tabs are removed.</li>
 * </ul>
 *
 * <p>Work is linear in the head length: each byte is scanned once for line ends and once more when
 * the finished head is split into fields. An instance reads one head; {@link #reset()} prepares it for
 * another. After an exception the bytes are unusable: answer the peer and close, or reset. Not
 * thread-safe.
 */
public final class HttpHeadParser {

    /** Default cap on the whole head, in bytes. */
    public static final int DEFAULT_MAX_HEAD_BYTES = 8 * 1024;

    /** Default cap on the number of header lines. */
    public static final int DEFAULT_MAX_HEADER_LINES = 100;

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final int maxHeadBytes;
    private final int maxHeaderLines;

    private byte[] buf = new byte[0];
    private int length;
    private int lineStart;
    private int lines;
    private int headLength = -1;

    /** A parser with the default caps (8 KiB, 100 header lines). */
    public HttpHeadParser() {
        this(DEFAULT_MAX_HEAD_BYTES, DEFAULT_MAX_HEADER_LINES);
    }

    /**
     * A parser with the given caps.
     *
     * @param maxHeadBytes   the longest head accepted, counting its final empty line
     * @param maxHeaderLines the most header lines accepted, not counting the start line
     */
    public HttpHeadParser(int maxHeadBytes, int maxHeaderLines) {
        if (maxHeadBytes < 16 || maxHeaderLines < 1) {
            throw new IllegalArgumentException("caps too small: " + maxHeadBytes + " bytes, " + maxHeaderLines + " lines");
        }
        this.maxHeadBytes = maxHeadBytes;
        this.maxHeaderLines = maxHeaderLines;
    }

    /**
     * Consumes request bytes; returns the request once its head is complete, {@code null} before.
     *
     * @throws MalformedHttpHeadException when the head breaks a rule or a cap
     */
    public HandshakeRequest parseRequest(ByteBuffer in) {
        if (!feed(in)) {
            return null;
        }
        HttpHeadLines head = new HttpHeadLines(buf, headLength);
        return head.toRequest();
    }

    /**
     * Consumes response bytes; returns the response head once complete, {@code null} before.
     *
     * @throws MalformedHttpHeadException when the head breaks a rule or a cap
     */
    public HttpResponseHead parseResponse(ByteBuffer in) {
        if (!feed(in)) {
            return null;
        }
        HttpHeadLines head = new HttpHeadLines(buf, headLength);
        return head.toResponse();
    }

    /** Whether a whole head has been read. */
    public boolean isComplete() {
        return headLength >= 0;
    }

    /** The number of bytes the head used, empty line included; -1 while incomplete. */
    public int headLength() {
        return headLength;
    }

    /** Forgets the head read so far, so the parser can read another. */
    public void reset() {
        length = 0;
        lineStart = 0;
        lines = 0;
        headLength = -1;
    }

    /** Copies bytes in and scans them for line ends; returns whether the head is now complete. */
    private boolean feed(ByteBuffer in) {
        if (headLength >= 0) {
            throw new IllegalStateException("head already complete; call reset() to read another");
        }
        int take = Math.min(in.remaining(), maxHeadBytes - length);
        ensureCapacity(length + take);
        int scanFrom = length;
        in.get(buf, length, take);
        length += take;
        for (int i = scanFrom; i < length; i++) {
            byte b = buf[i];
            if (i > lineStart && buf[i - 1] == CR && b != LF) {
                throw new MalformedHttpHeadException(Kind.BAD_LINE_ENDING, "CR not followed by LF");
            }
            if (b != LF) {
                continue;
            }
            if (i == lineStart || buf[i - 1] != CR) {
                throw new MalformedHttpHeadException(Kind.BAD_LINE_ENDING, "line ends in a bare LF");
            }
            if (i - 1 == lineStart) {
                if (lines == 0) {
                    throw new MalformedHttpHeadException(Kind.MALFORMED_START_LINE, "empty start line");
                }
                headLength = i + 1;
                // Give back what lies beyond the head: it belongs to whoever reads next.
                in.position(in.position() - (length - headLength));
                length = headLength;
                return true;
            }
            lines++;
            if (lines > maxHeaderLines + 1) {
                throw new MalformedHttpHeadException(Kind.TOO_MANY_HEADER_LINES,
                        "more than " + maxHeaderLines + " header lines");
            }
            lineStart = i + 1;
        }
        if (length >= maxHeadBytes) {
            throw new MalformedHttpHeadException(Kind.HEAD_TOO_LARGE,
                    "head longer than " + maxHeadBytes + " bytes");
        }
        return false;
    }

    private void ensureCapacity(int needed) {
        if (needed > buf.length) {
            int grown = Math.max(needed, Math.min(maxHeadBytes, Math.max(512, buf.length * 2)));
            buf = Arrays.copyOf(buf, grown);
        }
    }

    /** ISO-8859-1 maps each byte to one char, so header text round-trips byte for byte. */
    static String latin1(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
