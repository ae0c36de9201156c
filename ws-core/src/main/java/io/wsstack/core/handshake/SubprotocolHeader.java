package io.wsstack.core.handshake;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code Sec-WebSocket-Protocol} values (RFC 6455 §4.1 item 10, §11.3.4): a comma-separated
 * list of distinct tokens, possibly spread over several header lines, which combine into one list
 * (RFC 9110 §5.3). Empty list elements are skipped as RFC 9110 §5.6.1 asks of recipients.
 *
 * <p>One pass over the combined text, which is capped at {@link #MAX_LENGTH} characters before
 * any element is read, so a hostile value costs one bounded scan.
 */
final class SubprotocolHeader {

    /** The longest combined value accepted, in characters. */
    static final int MAX_LENGTH = 4096;

    private SubprotocolHeader() {
    }

    /**
     * The protocols in the order sent.
     *
     * @throws IllegalArgumentException when the value is too long, an element is not a token, or a
     *                                  protocol is listed twice; the message never quotes the input
     */
    static List<String> parse(List<String> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        int total = lines.size() - 1;
        for (String line : lines) {
            total += line.length();
            if (total > MAX_LENGTH) {
                throw new IllegalArgumentException("Sec-WebSocket-Protocol longer than " + MAX_LENGTH + " characters");
            }
        }
        List<String> protocols = new ArrayList<>(4);
        for (String line : lines) {
            readElements(line, protocols);
        }
        if (protocols.size() > 1) {
            Set<String> seen = new HashSet<>(protocols.size() * 2);
            for (String protocol : protocols) {
                if (!seen.add(protocol)) {
                    throw new IllegalArgumentException("Sec-WebSocket-Protocol lists a protocol twice");
                }
            }
        }
        return List.copyOf(protocols);
    }

    private static void readElements(String value, List<String> out) {
        int len = value.length();
        int pos = 0;
        while (pos < len) {
            while (pos < len && HttpHeaders.isWhitespace(value.charAt(pos))) {
                pos++;
            }
            int start = pos;
            while (pos < len && HttpHeaders.isTokenChar(value.charAt(pos))) {
                pos++;
            }
            int stop = pos;
            while (pos < len && HttpHeaders.isWhitespace(value.charAt(pos))) {
                pos++;
            }
            if (pos < len && value.charAt(pos) != ',') {
                throw new IllegalArgumentException("Sec-WebSocket-Protocol element is not a token");
            }
            if (stop > start) {
                out.add(value.substring(start, stop));
            }
            pos++; // past the comma (or the end)
        }
    }
}
