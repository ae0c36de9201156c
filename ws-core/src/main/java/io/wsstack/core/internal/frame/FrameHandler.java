package io.wsstack.core.internal.frame;

import java.nio.ByteBuffer;

/**
 * Receives the frames a {@link FrameDecoder} parses, as they arrive. For every frame the calls are
 * {@code onFrameStart}, zero or more {@code onPayload}, then {@code onFrameEnd}; frames never
 * overlap. All header rules have been checked before {@code onFrameStart} is called.
 *
 * <p>A handler may throw {@link io.wsstack.core.WebSocketProtocolException} from any call; the
 * exception leaves {@link FrameDecoder#decode(ByteBuffer)} unchanged.
 */
public interface FrameHandler {

    /**
     * A frame header was read and accepted.
     *
     * @param fin    whether this frame ends its message
     * @param rsv    the three reserved bits, as in byte 0 ({@link WebSocketProtocol#B0_MASK_RSV})
     * @param opcode the opcode (never a reserved one)
     * @param length the declared payload length, already checked against the frame size limit
     */
    void onFrameStart(boolean fin, int rsv, int opcode, long length);

    /**
     * The next piece of the current frame's payload, already unmasked, between the buffer's position
     * and limit. The buffer is only valid during the call and may be the caller's input buffer: read
     * it, do not keep it. Its position and limit are restored after the call.
     */
    void onPayload(ByteBuffer chunk);

    /** The current frame's payload is complete. */
    void onFrameEnd();
}
