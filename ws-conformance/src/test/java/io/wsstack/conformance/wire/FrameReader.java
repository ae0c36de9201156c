package io.wsstack.conformance.wire;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frames from a blocking stream exactly as they are on the wire (RFC 6455 §5.2), checking
 * nothing but refusing to buffer absurd lengths: tests assert on the bits themselves.
 */
public final class FrameReader {

    /** Larger frames than this are a test failure, not something to buffer. */
    private static final long MAX_FRAME = 64L * 1024 * 1024;

    private final DataInputStream in;

    public FrameReader(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /**
     * The next frame, or {@code null} when the peer closed the TCP connection cleanly between frames.
     *
     * @throws EOFException when the connection ended inside a frame
     */
    public Frame next() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("peer declared a frame of " + length + " bytes");
        }
        boolean masked = (b1 & 0x80) != 0;
        byte[] key = new byte[4];
        if (masked) {
            in.readFully(key);
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= key[i & 3];
            }
        }
        return new Frame((b0 & 0x80) != 0, (b0 >> 4) & 0x7, b0 & 0xF, masked, payload);
    }
}
