package io.wsstack.core;

import io.wsstack.core.internal.frame.FrameHandler;
import io.wsstack.core.internal.frame.WebSocketProtocol;
import java.nio.ByteBuffer;

/**
 * Routes decoded frames: data frames to the {@link MessageAssembler}, control frames (at most 125
 * bytes, so collected in a fixed buffer) to the {@link Connection} once complete. Control frames
 * may arrive between the fragments of a message (RFC 6455 §5.4) without disturbing it.
 */
final class IncomingFrames implements FrameHandler {

    private final Connection connection;
    /** The connection's assembler, asked for by the first data frame. */
    private MessageAssembler assembler;
    /** Made by the first control frame: most connections never receive one. */
    private byte[] control;
    private int controlLength;
    /** The opcode of the control frame being read, or -1 while a data frame is read. */
    private int controlOpcode = -1;

    IncomingFrames(Connection connection) {
        this.connection = connection;
    }

    @Override
    public void onFrameStart(boolean fin, int rsv, int opcode, long length) {
        if (WebSocketProtocol.isControl(opcode)) {
            controlOpcode = opcode;
            controlLength = 0;
            if (control == null) {
                control = new byte[WebSocketProtocol.PAYLOAD_SHORT_MAX];
            }
        } else {
            controlOpcode = -1;
            if (assembler == null) {
                assembler = connection.assembler();
            }
            assembler.frameStart(opcode, fin, (rsv & WebSocketProtocol.B0_FLAG_RSV1) != 0, length);
        }
    }

    @Override
    public void onPayload(ByteBuffer chunk) {
        if (controlOpcode >= 0) {
            int n = chunk.remaining();
            chunk.get(control, controlLength, n);
            controlLength += n;
        } else {
            assembler.payload(chunk);
        }
    }

    @Override
    public void onFrameEnd() {
        if (controlOpcode >= 0) {
            int opcode = controlOpcode;
            controlOpcode = -1;
            connection.onControlFrame(opcode, control, controlLength);
        } else {
            assembler.frameEnd();
        }
    }
}
