package io.wsstack.conformance.wire;

import java.io.ByteArrayOutputStream;
import java.util.Random;

/**
 * Encodes frames byte by byte as RFC 6455 §5.2 draws them, including frames the RFC forbids
 * (reserved bits and opcodes, oversized control frames, bad lengths): the test client must be able
 * to say anything a hostile peer could. Written independently of the engine's encoder so that a
 * bug there is not mirrored here.
 */
public final class FrameWriter {

    private final Random maskKeys;
    private final boolean mask;

    private FrameWriter(boolean mask, long seed) {
        this.mask = mask;
        this.maskKeys = new Random(seed);
    }

    /** Writes frames as a client must: masked (§5.3), with keys from a seeded generator. */
    public static FrameWriter masking(long seed) {
        return new FrameWriter(true, seed);
    }

    /** Writes frames as a server must: unmasked. */
    public static FrameWriter unmasked() {
        return new FrameWriter(false, 0);
    }

    /** A final frame without reserved bits. */
    public byte[] frame(int opcode, byte[] payload) {
        return frame(true, 0, opcode, payload);
    }

    /** Any frame, with the shortest length encoding. */
    public byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
        int lengthForm = payload.length <= 125 ? 0 : payload.length <= 0xFFFF ? 16 : 64;
        return frame(fin, rsv, opcode, payload, lengthForm);
    }

    /**
     * Any frame with a chosen length encoding: {@code 0} for the 7-bit form, {@code 16} or
     * {@code 64} for the extended forms (which may then be non-minimal).
     */
    public byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, int lengthForm) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
        out.write((fin ? 0x80 : 0) | (rsv & 0x7) << 4 | (opcode & 0xF));
        int maskBit = mask ? 0x80 : 0;
        switch (lengthForm) {
            case 0 -> out.write(maskBit | payload.length);
            case 16 -> {
                out.write(maskBit | 126);
                writeBigEndian(out, payload.length, 2);
            }
            default -> {
                out.write(maskBit | 127);
                writeBigEndian(out, payload.length, 8);
            }
        }
        if (!mask) {
            out.writeBytes(payload);
            return out.toByteArray();
        }
        byte[] key = new byte[4];
        maskKeys.nextBytes(key);
        out.writeBytes(key);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ key[i & 3]);
        }
        out.writeBytes(masked);
        return out.toByteArray();
    }

    /** A frame header alone, declaring {@code declaredLength} bytes (for lengths nobody should read). */
    public byte[] headerOnly(int opcode, long declaredLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(14);
        out.write(0x80 | opcode);
        out.write((mask ? 0x80 : 0) | 127);
        writeBigEndian(out, declaredLength, 8);
        if (mask) {
            out.writeBytes(new byte[] {1, 2, 3, 4});
        }
        return out.toByteArray();
    }

    /** A Close frame body: the code in two bytes, then the reason bytes (§5.5.1). */
    public static byte[] closeBody(int code, byte[] reason) {
        byte[] body = new byte[2 + reason.length];
        body[0] = (byte) (code >>> 8);
        body[1] = (byte) code;
        System.arraycopy(reason, 0, body, 2, reason.length);
        return body;
    }

    private static void writeBigEndian(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
    }
}
