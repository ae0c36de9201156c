package io.wsstack.core.handshake;

import io.wsstack.core.handshake.MalformedHttpHeadException.Kind;

/**
 * Splits a complete head, whose lines are already known to end in CRLF, into its start line and
 * header fields (RFC 9112 §2.1, §3, §4, §5). One pass over the bytes; the line-count and size caps
 * were enforced while the bytes arrived.
 */
final class HttpHeadLines {

    private final byte[] buf;
    private final int end;
    private int pos;

    /** {@code headLength} includes the final empty line. */
    HttpHeadLines(byte[] buf, int headLength) {
        this.buf = buf;
        this.end = headLength - 2;
    }

    /** request-line = method SP request-target SP HTTP-version (RFC 9112 §3). */
    HandshakeRequest toRequest() {
        int lineEnd = nextLineEnd();
        int sp1 = scanToken(pos, lineEnd);
        if (sp1 == pos || sp1 >= lineEnd || buf[sp1] != ' ') {
            throw startLine("method is not a token followed by one space");
        }
        String method = HttpHeadParser.latin1(buf, pos, sp1);
        int targetStart = sp1 + 1;
        int sp2 = targetStart;
        while (sp2 < lineEnd && buf[sp2] > 0x20 && buf[sp2] < 0x7F) {
            sp2++;
        }
        if (sp2 == targetStart || sp2 >= lineEnd || buf[sp2] != ' ') {
            throw startLine("request target missing or holds a forbidden byte");
        }
        String target = HttpHeadParser.latin1(buf, targetStart, sp2);
        String version = version(sp2 + 1, lineEnd);
        pos = lineEnd + 2;
        return new HandshakeRequest(method, target, version, headers());
    }

    /**
     * status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 §4). A missing space
     * after the code is tolerated because some servers omit it when the reason is empty.
     */
    HttpResponseHead toResponse() {
        int lineEnd = nextLineEnd();
        int sp = pos;
        while (sp < lineEnd && buf[sp] != ' ') {
            sp++;
        }
        if (sp >= lineEnd) {
            throw startLine("no space after the HTTP version");
        }
        String version = version(pos, sp);
        int codeStart = sp + 1;
        if (lineEnd - codeStart < 3 || !isDigit(buf[codeStart]) || !isDigit(buf[codeStart + 1])
                || !isDigit(buf[codeStart + 2])) {
            throw startLine("status code is not three digits");
        }
        int status = (buf[codeStart] - '0') * 100 + (buf[codeStart + 1] - '0') * 10 + (buf[codeStart + 2] - '0');
        int after = codeStart + 3;
        String reason = "";
        if (after < lineEnd) {
            if (buf[after] != ' ') {
                throw startLine("status code is not followed by a space");
            }
            for (int i = after + 1; i < lineEnd; i++) {
                if (!HttpHeaders.isFieldValueChar(buf[i] & 0xFF)) {
                    throw startLine("reason phrase holds a control character");
                }
            }
            reason = HttpHeadParser.latin1(buf, after + 1, lineEnd);
        }
        pos = lineEnd + 2;
        return new HttpResponseHead(version, status, reason, headers());
    }

    /** field-line = field-name ":" OWS field-value OWS (RFC 9112 §5). */
    private HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        while (pos < end) {
            int lineEnd = nextLineEnd();
            if (buf[pos] == ' ' || buf[pos] == '\t') {
                throw new MalformedHttpHeadException(Kind.OBSOLETE_LINE_FOLDING, "header line starts with whitespace");
            }
            int colon = scanToken(pos, lineEnd);
            if (colon == pos || colon >= lineEnd || buf[colon] != ':') {
                throw new MalformedHttpHeadException(Kind.INVALID_HEADER_NAME,
                        "header name is empty, not a token, or not followed directly by a colon");
            }
            int valueStart = colon + 1;
            int valueEnd = lineEnd;
            while (valueStart < valueEnd && isWhitespace(buf[valueStart])) {
                valueStart++;
            }
            while (valueEnd > valueStart && isWhitespace(buf[valueEnd - 1])) {
                valueEnd--;
            }
            for (int i = valueStart; i < valueEnd; i++) {
                if (!HttpHeaders.isFieldValueChar(buf[i] & 0xFF)) {
                    throw new MalformedHttpHeadException(Kind.INVALID_HEADER_VALUE,
                            "header value holds a control character");
                }
            }
            headers.addValidated(HttpHeadParser.latin1(buf, pos, colon), HttpHeadParser.latin1(buf, valueStart, valueEnd));
            pos = lineEnd + 2;
        }
        return headers;
    }

    /** Returns the index of the first byte from {@code from} that is not a token character. */
    private int scanToken(int from, int to) {
        int i = from;
        while (i < to && HttpHeaders.isTokenChar(buf[i] & 0xFF)) {
            i++;
        }
        return i;
    }

    /** HTTP-version = "HTTP/" DIGIT "." DIGIT (RFC 9112 §2.3). */
    private String version(int from, int to) {
        if (to - from != 8 || buf[from] != 'H' || buf[from + 1] != 'T' || buf[from + 2] != 'T' || buf[from + 3] != 'P'
                || buf[from + 4] != '/' || !isDigit(buf[from + 5]) || buf[from + 6] != '.' || !isDigit(buf[from + 7])) {
            throw startLine("HTTP version is not HTTP/d.d");
        }
        return HttpHeadParser.latin1(buf, from, to);
    }

    /** The index of the CR ending the line at {@code pos}; every line is known to end in CRLF. */
    private int nextLineEnd() {
        int i = pos;
        while (buf[i] != '\r') {
            i++;
        }
        return i;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t';
    }

    private static MalformedHttpHeadException startLine(String why) {
        return new MalformedHttpHeadException(Kind.MALFORMED_START_LINE, why);
    }
}
