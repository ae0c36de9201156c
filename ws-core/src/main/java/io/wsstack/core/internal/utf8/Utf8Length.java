package io.wsstack.core.internal.utf8;


/**
 * The number of bytes a text takes in UTF-8, counted without encoding it: what a text message's
 * payload size is on the wire before compression (meters, send-buffer accounting).
 */
public final class Utf8Length {

    private Utf8Length() {
    }

    /**
     * UTF-8 length of {@code text}: 1 byte up to U+007F, 2 up to U+07FF, 3 for the rest of the
     * basic plane, 4 for a surrogate pair. A lone surrogate counts 1 byte, as the engine sends it
     * as {@code '?'}.
     */
    public static long of(CharSequence text) {
        int n = text.length();
        long bytes = n;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 2; // two chars, four bytes
                i++;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            }
        }
        return bytes;
    }
}
