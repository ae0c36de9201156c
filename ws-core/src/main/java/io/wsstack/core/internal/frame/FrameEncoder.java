package io.wsstack.core.internal.frame;

import static io.wsstack.core.internal.frame.WebSocketProtocol.B0_FLAG_FIN;
import static io.wsstack.core.internal.frame.WebSocketProtocol.B0_MASK_OPCODE;
import static io.wsstack.core.internal.frame.WebSocketProtocol.B0_MASK_RSV;
import static io.wsstack.core.internal.frame.WebSocketProtocol.B1_FLAG_MASK;
import static io.wsstack.core.internal.frame.WebSocketProtocol.MASK_KEY_LENGTH;
import static io.wsstack.core.internal.frame.WebSocketProtocol.PAYLOAD_16_MAX;
import static io.wsstack.core.internal.frame.WebSocketProtocol.PAYLOAD_LENGTH_16;
import static io.wsstack.core.internal.frame.WebSocketProtocol.PAYLOAD_LENGTH_64;
import static io.wsstack.core.internal.frame.WebSocketProtocol.PAYLOAD_SHORT_MAX;

import io.wsstack.core.MaskKeySource;
import io.wsstack.core.Role;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Encodes frames for one side of a connection (RFC 6455 §5.2): a client masks every frame with a
 * fresh key from its {@link MaskKeySource} (§5.3), a server never masks. Lengths always use the
 * shortest form. Each frame is written into one new heap buffer, header and payload together, so a
 * transport can hand it to the socket in a single write.
 *
 * <p>The encoder does not check frame rules (control frame size, opcode sequence); the caller does.
 */
public final class FrameEncoder {

    private final boolean mask;
    private final MaskKeySource maskKeys;

    /**
     * Creates an encoder for frames sent by {@code role}.
     *
     * @param maskKeys required for {@link Role#CLIENT}; ignored (may be null) for {@link Role#SERVER}
     */
    public FrameEncoder(Role role, MaskKeySource maskKeys) {
        this.mask = role.masksOutgoing();
        this.maskKeys = mask ? Objects.requireNonNull(maskKeys, "a client needs a MaskKeySource") : null;
    }

    /**
     * Encodes one frame carrying the remaining bytes of {@code payload} (its position is unchanged).
     *
     * @param rsv the reserved bits as they sit in byte 0 ({@link WebSocketProtocol#B0_FLAG_RSV1}...)
     * @return a new buffer positioned for reading
     */
    public ByteBuffer encode(boolean fin, int rsv, int opcode, ByteBuffer payload) {
        return encode(fin, rsv, opcode, payload, mask, mask ? maskKeys.nextMaskKey() : 0);
    }

    /** Encodes one frame carrying {@code length} bytes of {@code payload} from {@code offset}. */
    public ByteBuffer encode(boolean fin, int rsv, int opcode, byte[] payload, int offset, int length) {
        return encode(fin, rsv, opcode, ByteBuffer.wrap(payload, offset, length));
    }

    /**
     * Encodes one frame with explicit masking, independent of any role.
     *
     * @param masked  whether to set the MASK bit and mask the payload with {@code maskKey}
     * @param maskKey the key, big-endian; ignored when not masked
     * @return a new buffer positioned for reading
     */
    public static ByteBuffer encode(boolean fin, int rsv, int opcode, ByteBuffer payload,
                                    boolean masked, int maskKey) {
        int length = payload.remaining();
        int headerLength = headerLength(length, masked);
        byte[] frame = new byte[headerLength + length];
        writeHeader(frame, fin, rsv, opcode, length, masked, maskKey);
        payload.duplicate().get(frame, headerLength, length);
        if (masked) {
            Masking.mask(frame, headerLength, length, maskKey, 0);
        }
        return ByteBuffer.wrap(frame);
    }

    /** The header size of a frame with {@code payloadLength} bytes: 2 to 14 bytes. */
    public static int headerLength(long payloadLength, boolean masked) {
        int base = payloadLength <= PAYLOAD_SHORT_MAX ? 2 : payloadLength <= PAYLOAD_16_MAX ? 4 : 10;
        return masked ? base + MASK_KEY_LENGTH : base;
    }

    /** Writes a frame header at the start of {@code dst}; returns its length. */
    public static int writeHeader(byte[] dst, boolean fin, int rsv, int opcode, long payloadLength,
                                  boolean masked, int maskKey) {
        dst[0] = (byte) ((fin ? B0_FLAG_FIN : 0) | (rsv & B0_MASK_RSV) | (opcode & B0_MASK_OPCODE));
        int maskBit = masked ? B1_FLAG_MASK : 0;
        int i;
        if (payloadLength <= PAYLOAD_SHORT_MAX) {
            dst[1] = (byte) (maskBit | (int) payloadLength);
            i = 2;
        } else if (payloadLength <= PAYLOAD_16_MAX) {
            dst[1] = (byte) (maskBit | PAYLOAD_LENGTH_16);
            dst[2] = (byte) (payloadLength >>> 8);
            dst[3] = (byte) payloadLength;
            i = 4;
        } else {
            dst[1] = (byte) (maskBit | PAYLOAD_LENGTH_64);
            for (int shift = 56, j = 2; shift >= 0; shift -= 8, j++) {
                dst[j] = (byte) (payloadLength >>> shift);
            }
            i = 10;
        }
        if (masked) {
            dst[i++] = (byte) (maskKey >>> 24);
            dst[i++] = (byte) (maskKey >>> 16);
            dst[i++] = (byte) (maskKey >>> 8);
            dst[i++] = (byte) maskKey;
        }
        return i;
    }
}
