package io.wsstack.core.handshake;

/**
 * Names of the header fields that the handshake itself writes (RFC 6455 §4.1, §4.2.2, §11.3), which
 * callers' extra headers may not set: a second or contradicting copy would change what was agreed.
 */
final class HandshakeHeaders {

    private static final String[] RESERVED = {
        "Host", "Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Accept", "Sec-WebSocket-Version",
        "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "Content-Length", "Transfer-Encoding",
    };

    private HandshakeHeaders() {
    }

    /** Whether {@code name} (any case) is one of the handshake's own headers or a message-framing header. */
    static boolean isReserved(String name) {
        for (String reserved : RESERVED) {
            if (reserved.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
