package io.wsstack.core.handshake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The header fields of one HTTP/1.1 request or response head: an ordered multimap whose names
 * compare case-insensitively (RFC 9110 §5.1), keeping every line in the order it was added.
 *
 * <p>{@link #add} checks each name and value, so nothing added here can split a header line when
 * it is rendered: a name must be a token (RFC 9110 §5.6.2) and a value may hold only visible
 * characters, spaces, tabs and obs-text (bytes 0x80–0xFF, read as ISO-8859-1), never CR, LF or
 * another control character.
 *
 * <p>Lookups scan the lines, which is the fastest shape for the few dozen lines a handshake has;
 * the head parser caps the count. Instances are mutable and not thread-safe.
 */
public final class HttpHeaders {

    private final List<String> names;
    private final List<String> values;

    /** Creates an empty header set. */
    public HttpHeaders() {
        this.names = new ArrayList<>(16);
        this.values = new ArrayList<>(16);
    }

    /** Creates a copy of {@code other}. */
    public static HttpHeaders copyOf(HttpHeaders other) {
        HttpHeaders copy = new HttpHeaders();
        copy.names.addAll(other.names);
        copy.values.addAll(other.values);
        return copy;
    }

    /**
     * Adds one line {@code name: value}, after any lines already present (also those of the same name).
     *
     * @return this, for chaining
     * @throws IllegalArgumentException if the name is not a token or the value holds a forbidden character
     */
    public HttpHeaders add(String name, String value) {
        checkName(name);
        checkValue(name, value);
        names.add(name);
        values.add(value);
        return this;
    }

    /** Adds a line whose name and value the head parser has already checked. */
    void addValidated(String name, String value) {
        names.add(name);
        values.add(value);
    }

    /** Replaces all lines named {@code name} with one line carrying {@code value}. */
    public HttpHeaders set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    /** Removes every line named {@code name}; returns whether there was one. */
    public boolean remove(String name) {
        boolean removed = false;
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                values.remove(i);
                removed = true;
            }
        }
        return removed;
    }

    /** The value of the first line named {@code name}, or {@code null} if there is none. */
    public String first(String name) {
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    /** The values of all lines named {@code name}, in order; empty if there is none. */
    public List<String> all(String name) {
        List<String> found = null;
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                if (found == null) {
                    found = new ArrayList<>(2);
                }
                found.add(values.get(i));
            }
        }
        return found == null ? List.of() : Collections.unmodifiableList(found);
    }

    /** How many lines are named {@code name}. */
    public int count(String name) {
        int count = 0;
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                count++;
            }
        }
        return count;
    }

    /** Whether at least one line is named {@code name}. */
    public boolean contains(String name) {
        return first(name) != null;
    }

    /**
     * The distinct names, each spelled as on its first line, in the order they first appeared.
     */
    public List<String> names() {
        List<String> distinct = new ArrayList<>(names.size());
        Set<String> seen = new HashSet<>(names.size() * 2);
        for (String name : names) {
            if (seen.add(name.toLowerCase(Locale.ROOT))) {
                distinct.add(name);
            }
        }
        return Collections.unmodifiableList(distinct);
    }

    /** The number of lines (not of distinct names). */
    public int size() {
        return names.size();
    }

    /** Whether there are no lines. */
    public boolean isEmpty() {
        return names.isEmpty();
    }

    /** Calls {@code action} with the name and value of each line, in order. */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0, n = names.size(); i < n; i++) {
            action.accept(names.get(i), values.get(i));
        }
    }

    /**
     * Whether any line named {@code name} lists {@code token} as one of its comma-separated elements,
     * compared case-insensitively, as {@code Connection: keep-alive, Upgrade} lists {@code upgrade}.
     */
    public boolean containsToken(String name, String token) {
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equalsIgnoreCase(name) && listContainsToken(values.get(i), token)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the comma-separated list {@code value} (RFC 9110 §5.6.1) has an element equal to
     * {@code token}, ignoring ASCII case and the optional whitespace around elements. One pass, no
     * allocation.
     */
    public static boolean listContainsToken(String value, String token) {
        if (value == null) {
            return false;
        }
        int len = value.length();
        int pos = 0;
        while (pos <= len) {
            int comma = value.indexOf(',', pos);
            int end = comma < 0 ? len : comma;
            int start = pos;
            while (start < end && isWhitespace(value.charAt(start))) {
                start++;
            }
            int stop = end;
            while (stop > start && isWhitespace(value.charAt(stop - 1))) {
                stop--;
            }
            if (stop - start == token.length() && value.regionMatches(true, start, token, 0, token.length())) {
                return true;
            }
            if (comma < 0) {
                return false;
            }
            pos = comma + 1;
        }
        return false;
    }

    /** Equal when both hold the same lines, names spelled alike, in the same order. */
    @Override
    public boolean equals(Object other) {
        return other instanceof HttpHeaders h && names.equals(h.names) && values.equals(h.values);
    }

    @Override
    public int hashCode() {
        return 31 * names.hashCode() + values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        forEach((n, v) -> sb.append(n).append(": ").append(v).append('\n'));
        return sb.toString();
    }

    static boolean isWhitespace(char ch) {
        return ch == ' ' || ch == '\t';
    }

    /** RFC 9110 §5.6.2 tchar. */
    static boolean isTokenChar(int ch) {
        if (ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9') {
            return true;
        }
        return switch (ch) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
            default -> false;
        };
    }

    /** Whether {@code s} is a non-empty token. */
    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0, n = s.length(); i < n; i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 §5.5 field-content characters: HTAB, SP, VCHAR and obs-text. */
    static boolean isFieldValueChar(int ch) {
        return ch == '\t' || ch >= 0x20 && ch != 0x7F && ch <= 0xFF;
    }

    private static void checkName(String name) {
        if (!isToken(name)) {
            throw new IllegalArgumentException("Header name is not an HTTP token: " + name);
        }
    }

    private static void checkValue(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("Header " + name + " has a null value");
        }
        for (int i = 0, n = value.length(); i < n; i++) {
            if (!isFieldValueChar(value.charAt(i))) {
                throw new IllegalArgumentException(
                        "Header " + name + " has a forbidden character at index " + i);
            }
        }
    }
}
