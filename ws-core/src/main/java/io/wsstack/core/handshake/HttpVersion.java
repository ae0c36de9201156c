package io.wsstack.core.handshake;

/** Reads the {@code HTTP/major.minor} protocol version string of RFC 9112 §2.3. */
final class HttpVersion {

    private HttpVersion() {
    }

    /**
     * Whether {@code version} is {@code HTTP/} followed by a major digit and an optional
     * {@code .minor} digit, and names version 1.1 or later. {@code HTTP/2} and {@code HTTP/2.0}
     * (as servlet containers report it) both count.
     */
    static boolean isAtLeast11(String version) {
        if (version == null || !version.startsWith("HTTP/")) {
            return false;
        }
        int len = version.length();
        if (len == 6) {
            return isDigit(version.charAt(5)) && version.charAt(5) >= '2';
        }
        if (len != 8 || !isDigit(version.charAt(5)) || version.charAt(6) != '.' || !isDigit(version.charAt(7))) {
            return false;
        }
        char major = version.charAt(5);
        return major > '1' || major == '1' && version.charAt(7) >= '1';
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }
}
