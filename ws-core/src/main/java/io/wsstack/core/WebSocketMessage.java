package io.wsstack.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One thing received from the peer by the plain {@link ClientEngine} / {@link ServerEngine}
 * API: a whole data message, a control frame, or the peer's close.
 *
 * @param type        what was received
 * @param data        the payload (a text message's UTF-8 bytes, already validated)
 * @param closeCode   for {@link Type#CLOSE}: the peer's code (1005 when it sent none); otherwise 0
 * @param closeReason for {@link Type#CLOSE}: the peer's reason; otherwise empty
 */
public record WebSocketMessage(Type type, byte[] data, int closeCode, String closeReason) {

    /** The kinds of message of RFC 6455 §5.6 and §5.5 as an application sees them. */
    public enum Type {
        /** A complete text message (opcode 0x1 and its continuations). */
        TEXT,
        /** A complete binary message (opcode 0x2 and its continuations). */
        BINARY,
        /** A ping (0x9); the pong is answered automatically unless auto-pong was turned off. */
        PING,
        /** A pong (0xA). */
        PONG,
        /** The peer's Close (0x8); the echo has already been queued. */
        CLOSE
    }

    public WebSocketMessage {
        data = data == null ? new byte[0] : data;
        closeReason = closeReason == null ? "" : closeReason;
    }

    /** The payload of a text message (or of a ping, pong, close reason) decoded as UTF-8. */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebSocketMessage m && m.type == type && Arrays.equals(m.data, data)
                && m.closeCode == closeCode && m.closeReason.equals(closeReason);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type.hashCode() + Arrays.hashCode(data)) + closeCode;
    }

    @Override
    public String toString() {
        return type == Type.CLOSE ? "CLOSE " + closeCode + " " + closeReason : type + " (" + data.length + " bytes)";
    }
}
