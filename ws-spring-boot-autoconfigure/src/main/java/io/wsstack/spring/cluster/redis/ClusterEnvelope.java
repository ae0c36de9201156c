package io.wsstack.spring.cluster.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A message as it travels between instances: who published it and when (for the delivery-lag
 * meter and to skip an instance's own messages), whether it is text, and the payload.
 *
 * <p>Layout: version byte, flags byte (bit 0: text), publish time (8 bytes, epoch ms), origin id
 * length (2 bytes) and UTF-8 bytes, payload.
 */
record ClusterEnvelope(String origin, long publishedAt, boolean text, ByteBuffer payload) {

    private static final byte VERSION = 1;
    private static final int FLAG_TEXT = 1;

    byte[] encode() {
        byte[] originBytes = origin.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(1 + 1 + 8 + 2 + originBytes.length + payload.remaining());
        out.put(VERSION).put((byte) (text ? FLAG_TEXT : 0)).putLong(publishedAt)
                .putShort((short) originBytes.length).put(originBytes).put(payload.duplicate());
        return out.array();
    }

    /** Reads an envelope; {@code null} for bytes that are not one (another program on the channel, a newer version). */
    static ClusterEnvelope decode(byte[] bytes) {
        if (bytes.length < 12 || bytes[0] != VERSION) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.get();
        boolean text = (in.get() & FLAG_TEXT) != 0;
        long publishedAt = in.getLong();
        int originLength = in.getShort() & 0xFFFF;
        if (in.remaining() < originLength) {
            return null;
        }
        String origin = new String(bytes, in.position(), originLength, StandardCharsets.UTF_8);
        in.position(in.position() + originLength);
        return new ClusterEnvelope(origin, publishedAt, text, in.slice().asReadOnlyBuffer());
    }
}
