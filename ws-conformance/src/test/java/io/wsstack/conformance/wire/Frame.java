package io.wsstack.conformance.wire;

import java.nio.charset.StandardCharsets;

/**
 * One frame as it was read off the wire by {@link FrameReader}, before any interpretation: the
 * header bits of RFC 6455 §5.2 and the (unmasked) payload.
 *
 * @param fin     the FIN bit
 * @param rsv     the three reserved bits as a number 0–7 (RSV1 = 4)
 * @param opcode  the opcode 0–15
 * @param masked  whether the MASK bit was set
 * @param payload the payload, unmasked
 */
public record Frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {

    /** Opcodes of RFC 6455 §5.2. */
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** Whether this is a control frame (opcode with the high bit set, §5.5). */
    public boolean isControl() {
        return (opcode & 0x8) != 0;
    }

    /** The status code of a Close frame: 1005 when its payload is empty (§7.1.5). */
    public int closeCode() {
        return payload.length < 2 ? 1005 : (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF);
    }

    /** The reason of a Close frame as UTF-8 text. */
    public String closeReason() {
        return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        String kind = switch (opcode) {
            case CONTINUATION -> "CONT";
            case TEXT -> "TEXT";
            case BINARY -> "BINARY";
            case CLOSE -> "CLOSE " + closeCode();
            case PING -> "PING";
            case PONG -> "PONG";
            default -> "OPCODE " + opcode;
        };
        return kind + (fin ? "" : " (not final)") + (rsv != 0 ? " rsv=" + rsv : "") + " [" + payload.length + " bytes]";
    }
}
