package io.wsstack.core.extension;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code Sec-WebSocket-Extensions} values (RFC 6455 §9.1) in one left-to-right pass.
 *
 * <p>The grammar is {@code 1#( token *( ";" token [ "=" ( token / quoted-string ) ] ) )}. A quoted
 * value must be a token once unescaped (§9.1). Parsing is linear in the input and the input is
 * capped at {@link #MAX_HEADER_LENGTH} characters, so a hostile header cannot cost more than one
 * bounded scan (the lesson of the {@code websocket-extensions} ReDoS, CVE-2020-7662).
 *
 * <p>Servers parse leniently: an element that breaks the grammar is dropped (declined) and the
 * remaining offers still count, because refusing the whole handshake for a bad optional offer
 * helps nobody. Clients parse a server's response strictly: anything malformed fails the handshake.
 */
public final class ExtensionHeaderParser {

    /** The longest header value accepted, in characters. */
    public static final int MAX_HEADER_LENGTH = 4096;

    private ExtensionHeaderParser() {
    }

    /** Parses {@code value}, throwing on the first element that breaks the grammar. */
    public static List<ExtensionOffer> parseStrict(String value) {
        return parse(value, true);
    }

    /** Parses {@code value}, dropping elements that break the grammar and keeping the rest in order. */
    public static List<ExtensionOffer> parseLenient(String value) {
        return parse(value, false);
    }

    /**
     * Parses several header lines as one list, as HTTP says repeated headers combine (RFC 9110 §5.3).
     * The cap applies to the combined length.
     */
    public static List<ExtensionOffer> parseLenient(List<String> values) {
        return parseLenient(String.join(",", values));
    }

    private static List<ExtensionOffer> parse(String value, boolean strict) {
        if (value == null) {
            return List.of();
        }
        if (value.length() > MAX_HEADER_LENGTH) {
            throw new MalformedExtensionHeaderException(
                    "Sec-WebSocket-Extensions longer than " + MAX_HEADER_LENGTH + " characters");
        }
        List<ExtensionOffer> offers = new ArrayList<>();
        Cursor c = new Cursor(value);
        while (true) {
            c.skipWhitespace();
            if (c.atEnd()) {
                return offers;
            }
            if (c.peek() == ',') {
                c.pos++; // empty list elements are allowed by the #rule
                continue;
            }
            int elementStart = c.pos;
            try {
                offers.add(parseElement(c));
            } catch (MalformedExtensionHeaderException e) {
                if (strict) {
                    throw e;
                }
                c.pos = elementStart;
                c.skipPastElement();
            }
        }
    }

    private static ExtensionOffer parseElement(Cursor c) {
        String name = c.token("extension name");
        List<ExtensionParameter> params = new ArrayList<>(4);
        c.skipWhitespace();
        while (!c.atEnd() && c.peek() == ';') {
            c.pos++;
            c.skipWhitespace();
            String paramName = c.token("parameter name");
            c.skipWhitespace();
            String paramValue = null;
            if (!c.atEnd() && c.peek() == '=') {
                c.pos++;
                c.skipWhitespace();
                paramValue = c.atEnd() || c.peek() != '"' ? c.token("parameter value") : c.quotedToken();
                c.skipWhitespace();
            }
            params.add(new ExtensionParameter(paramName, paramValue));
        }
        if (!c.atEnd()) {
            if (c.peek() != ',') {
                throw c.error("expected ',' or ';'");
            }
            c.pos++;
        }
        return new ExtensionOffer(name, params);
    }

    /** RFC 9110 §5.6.2 tchar. */
    static boolean isTokenChar(char ch) {
        if (ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9') {
            return true;
        }
        return switch (ch) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
            default -> false;
        };
    }

    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek() {
            return s.charAt(pos);
        }

        void skipWhitespace() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        String token(String what) {
            int start = pos;
            while (pos < s.length() && isTokenChar(s.charAt(pos))) {
                pos++;
            }
            if (pos == start) {
                throw error("expected " + what);
            }
            return s.substring(start, pos);
        }

        String quotedToken() {
            pos++; // opening quote
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (atEnd()) {
                    throw error("unterminated quoted string");
                }
                char ch = s.charAt(pos++);
                if (ch == '"') {
                    break;
                }
                if (ch == '\\') {
                    if (atEnd()) {
                        throw error("unterminated escape");
                    }
                    ch = s.charAt(pos++);
                }
                if (!isTokenChar(ch)) {
                    throw error("quoted value is not a token");
                }
                sb.append(ch);
            }
            if (sb.length() == 0) {
                throw error("empty quoted value");
            }
            return sb.toString();
        }

        /** Moves past the next top-level comma (outside quotes), or to the end. */
        void skipPastElement() {
            boolean quoted = false;
            while (pos < s.length()) {
                char ch = s.charAt(pos++);
                if (quoted && ch == '\\') {
                    pos++;
                } else if (ch == '"') {
                    quoted = !quoted;
                } else if (ch == ',' && !quoted) {
                    return;
                }
            }
        }

        MalformedExtensionHeaderException error(String what) {
            return new MalformedExtensionHeaderException(
                    "Malformed Sec-WebSocket-Extensions at index " + pos + ": " + what);
        }
    }
}
