package io.wsstack.core;

import static io.wsstack.core.internal.frame.WebSocketProtocol.B0_FLAG_RSV1;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_BINARY;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_TEXT;

import io.wsstack.core.internal.frame.FrameEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A message encoded once as unmasked server frames, to be written to many connections with
 * {@link Connection#sendPrepared(PreparedMessage)} (broadcast). Server frames carry no mask
 * (RFC 6455 §5.1), so the same bytes are right for every client. Immutable and safe to share
 * between threads.
 */
public final class PreparedMessage {

    private final ByteBuffer frames;
    private final int payloadLength;
    private final boolean compressed;

    private PreparedMessage(ByteBuffer frames, int payloadLength, boolean compressed) {
        this.frames = frames.asReadOnlyBuffer();
        this.payloadLength = payloadLength;
        this.compressed = compressed;
    }

    /** A text message of {@code text} encoded as UTF-8, in one unmasked frame. */
    public static PreparedMessage text(String text) {
        return of(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), false);
    }

    /** A binary message of the remaining bytes of {@code data} (position unchanged), in one unmasked frame. */
    public static PreparedMessage binary(ByteBuffer data) {
        return of(false, data, false);
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
        int length = payload.remaining();
        ByteBuffer encoded = FrameEncoder.encode(true, compressed ? B0_FLAG_RSV1 : 0,
                text ? OPCODE_TEXT : OPCODE_BINARY, payload, false, 0);
        return new PreparedMessage(encoded, length, compressed);
    }

    /** The encoded frames: a read-only duplicate positioned at the start, new on each call. */
    public ByteBuffer frames() {
        return frames.duplicate();
    }

    /** The number of payload bytes (excluding frame headers). */
    public int payloadLength() {
        return payloadLength;
    }

    /** Whether the frame carries RSV1 (a permessage-deflate payload). */
    public boolean compressed() {
        return compressed;
    }
}
