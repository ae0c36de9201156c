package io.wsstack.core.internal.frame;

/**
 * Constants of the RFC 6455 base framing protocol (§5.2), kept together with the frame layout
 * they describe:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-------+-+-------------+-------------------------------+
 *  |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 *  |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 *  |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 *  | |1|2|3|       |K|             |                               |
 *  +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 *  |     Extended payload length continued, if payload len == 127  |
 *  + - - - - - - - - - - - - - - - +-------------------------------+
 *  |                               |Masking-key, if MASK set to 1  |
 *  +-------------------------------+-------------------------------+
 *  | Masking-key (continued)       |          Payload Data         |
 *  +-------------------------------- - - - - - - - - - - - - - - - +
 *  :                     Payload Data continued ...                :
 *  + - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - +
 *  |                     Payload Data continued ...                |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Multi-byte lengths and the masking key are in network byte order (big-endian).
 */
public final class WebSocketProtocol {

    /** The GUID appended to {@code Sec-WebSocket-Key} before hashing into {@code Sec-WebSocket-Accept} (§1.3). */
    public static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** Byte 0: this frame ends its message. */
    public static final int B0_FLAG_FIN = 0b1000_0000;
    /** Byte 0: reserved bit 1; permessage-deflate uses it to mark a compressed message (RFC 7692 §6). */
    public static final int B0_FLAG_RSV1 = 0b0100_0000;
    /** Byte 0: reserved bit 2; no extension we support defines it. */
    public static final int B0_FLAG_RSV2 = 0b0010_0000;
    /** Byte 0: reserved bit 3; no extension we support defines it. */
    public static final int B0_FLAG_RSV3 = 0b0001_0000;
    /** Byte 0: all three reserved bits. */
    public static final int B0_MASK_RSV = B0_FLAG_RSV1 | B0_FLAG_RSV2 | B0_FLAG_RSV3;
    /** Byte 0: the opcode bits. */
    public static final int B0_MASK_OPCODE = 0b0000_1111;

    /** Byte 1: the payload is masked and a 4-byte masking key precedes it. */
    public static final int B1_FLAG_MASK = 0b1000_0000;
    /** Byte 1: the 7-bit payload length (or the 126/127 markers). */
    public static final int B1_MASK_LENGTH = 0b0111_1111;

    /** Opcode 0x0: a continuation of a fragmented message. */
    public static final int OPCODE_CONTINUATION = 0x0;
    /** Opcode 0x1: the first frame of a text (UTF-8) message. */
    public static final int OPCODE_TEXT = 0x1;
    /** Opcode 0x2: the first frame of a binary message. */
    public static final int OPCODE_BINARY = 0x2;
    /** Opcode 0x8: Close (§5.5.1). */
    public static final int OPCODE_CLOSE = 0x8;
    /** Opcode 0x9: Ping (§5.5.2). */
    public static final int OPCODE_PING = 0x9;
    /** Opcode 0xA: Pong (§5.5.3). */
    public static final int OPCODE_PONG = 0xA;
    /** Opcodes with this bit set are control frames (§5.5). */
    public static final int OPCODE_FLAG_CONTROL = 0x8;

    /** Largest payload length that fits in the 7-bit field; also the limit for control frames (§5.5). */
    public static final int PAYLOAD_SHORT_MAX = 125;
    /** 7-bit length marker: a 16-bit length follows. */
    public static final int PAYLOAD_LENGTH_16 = 126;
    /** 7-bit length marker: a 64-bit length follows. */
    public static final int PAYLOAD_LENGTH_64 = 127;
    /** Largest payload length that the 16-bit form can carry. */
    public static final int PAYLOAD_16_MAX = 0xFFFF;
    /** Largest close reason in UTF-8 bytes: 125 minus the 2-byte status code (§5.5.1). */
    public static final int CLOSE_REASON_MAX = PAYLOAD_SHORT_MAX - 2;
    /** Size of the masking key in bytes (§5.3). */
    public static final int MASK_KEY_LENGTH = 4;
    /** The longest possible frame header: 2 + 8 length bytes + 4 mask bytes. */
    public static final int MAX_HEADER_LENGTH = 14;

    private WebSocketProtocol() {
    }

    /** Whether {@code opcode} is a control opcode (Close, Ping, Pong or a reserved 0xB–0xF). */
    public static boolean isControl(int opcode) {
        return (opcode & OPCODE_FLAG_CONTROL) != 0;
    }

    /** Whether {@code opcode} is one of the six that RFC 6455 defines; 3–7 and 0xB–0xF are reserved. */
    public static boolean isDefined(int opcode) {
        return opcode <= OPCODE_BINARY || (opcode >= OPCODE_CLOSE && opcode <= OPCODE_PONG);
    }
}
