package io.wsstack.core.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The {@code Sec-WebSocket-Accept} computation of RFC 6455 §4.2.2 step 5.4, and the shape check of
 * the {@code Sec-WebSocket-Key} it answers.
 *
 * <p>The server appends the fixed GUID {@value #GUID} to the client's key exactly as sent, hashes
 * the result with SHA-1 and sends the base64 form of the 20-byte hash. The client computes the same
 * value and compares; the exchange proves that the server read a WebSocket handshake, not that
 * anyone is who they claim to be.
 */
public final class WebSocketAccept {

    /** The GUID that RFC 6455 §1.3 fixes for the accept computation. */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WebSocketAccept() {
    }

    /** The {@code Sec-WebSocket-Accept} value for {@code key}: base64(SHA-1(key + GUID)). */
    public static String compute(String key) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-1 (MessageDigest javadoc), so this cannot happen.
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
        sha1.update(key.getBytes(StandardCharsets.ISO_8859_1));
        sha1.update(GUID.getBytes(StandardCharsets.ISO_8859_1));
        return Base64.getEncoder().encodeToString(sha1.digest());
    }

    /**
     * Whether {@code key} is the canonical base64 form of exactly 16 bytes (RFC 6455 §4.1 item 7):
     * 22 alphabet characters, the last of which carries no stray bits, then {@code ==}.
     */
    public static boolean isValidKey(String key) {
        if (key == null || key.length() != 24 || key.charAt(22) != '=' || key.charAt(23) != '=') {
            return false;
        }
        for (int i = 0; i < 22; i++) {
            if (base64Value(key.charAt(i)) < 0) {
                return false;
            }
        }
        // 16 bytes fill 21 characters and 2 bits of the 22nd; its 4 low bits must be zero.
        return (base64Value(key.charAt(21)) & 0x0F) == 0;
    }

    private static int base64Value(char ch) {
        if (ch >= 'A' && ch <= 'Z') {
            return ch - 'A';
        }
        if (ch >= 'a' && ch <= 'z') {
            return ch - 'a' + 26;
        }
        if (ch >= '0' && ch <= '9') {
            return ch - '0' + 52;
        }
        return ch == '+' ? 62 : ch == '/' ? 63 : -1;
    }
}
