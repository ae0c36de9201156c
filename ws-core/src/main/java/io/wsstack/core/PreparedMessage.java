package io.wsstack.core;

import java.nio.ByteBuffer;

/**
 * A message encoded once as unmasked server frames, to be written to many connections with
 * {@link Connection#sendPrepared(PreparedMessage)} (broadcast). Immutable and safe to share
 * between threads.
 */
public final class PreparedMessage {

    private PreparedMessage() {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /** A text message of {@code text} encoded as UTF-8, in one unmasked frame. */
    public static PreparedMessage text(String text) {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /** A binary message of the remaining bytes of {@code data} (position unchanged), in one unmasked frame. */
    public static PreparedMessage binary(ByteBuffer data) {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /**
     * A message in one unmasked frame.
     *
     * @param text       text (opcode 1) or binary (opcode 2)
     * @param payload    the payload bytes (remaining bytes; position unchanged)
     * @param compressed whether the payload is already deflated per RFC 7692; sets RSV1. Only send
     *                   such a message on connections that negotiated permessage-deflate without
     *                   context takeover for the server.
     */
    public static PreparedMessage of(boolean text, ByteBuffer payload, boolean compressed) {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /** The encoded frames: a read-only duplicate positioned at the start, new on each call. */
    public ByteBuffer frames() {
        throw new UnsupportedOperationException("engine skeleton");
    }

    /** The number of payload bytes (excluding frame headers). */
    public int payloadLength() {
        throw new UnsupportedOperationException("engine skeleton");
    }
}
