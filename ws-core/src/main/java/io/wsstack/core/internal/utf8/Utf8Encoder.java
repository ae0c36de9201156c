package io.wsstack.core.internal.utf8;

/**
 * Writes text as UTF-8 straight into a caller's array, so an outgoing text message is encoded once
 * into the frame buffer instead of into a temporary array that is then copied. The output matches
 * {@code String.getBytes(UTF_8)}: an unpaired surrogate, which has no UTF-8 form, becomes
 * {@code '?'}; the length is {@link Utf8Length#of} for the same text.
 */
public final class Utf8Encoder {

    private Utf8Encoder() {
    }

    /**
     * Encodes all of {@code text} into {@code dst} from {@code offset}; the caller made room for
     * {@link Utf8Length#of(CharSequence)} bytes.
     *
     * @return the number of bytes written
     */
    public static int encode(String text, byte[] dst, int offset) {
        int n = text.length();
        int p = offset;
        int i = 0;
        // ASCII first: one store per char, the common case for JSON and chat text.
        while (i < n) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                break;
            }
            dst[p++] = (byte) c;
            i++;
        }
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                dst[p++] = (byte) c;
            } else if (c < 0x800) {
                dst[p++] = (byte) (0xC0 | (c >> 6));
                dst[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                dst[p++] = (byte) (0xF0 | (cp >> 18));
                dst[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                dst[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                dst[p++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                dst[p++] = (byte) '?';
            } else {
                dst[p++] = (byte) (0xE0 | (c >> 12));
                dst[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                dst[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return p - offset;
    }
}
