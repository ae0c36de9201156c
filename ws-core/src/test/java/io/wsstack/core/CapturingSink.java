package io.wsstack.core;

import io.wsstack.core.internal.frame.FrameDecoder;
import io.wsstack.core.internal.frame.FrameHandler;
import io.wsstack.core.internal.frame.WebSocketProtocol;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what a connection sends and decodes it again (with a decoder of the opposite role), so
 * tests can assert on frames, including the code of a Close frame.
 */
public final class CapturingSink implements FrameSink {

    /** One decoded frame as sent. */
    public record Frame(boolean fin, int rsv, int opcode, byte[] payload) {
        public int closeCode() {
            return payload.length < 2 ? CloseCodes.NO_STATUS_RECEIVED
                    : (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF);
        }

        public String payloadHex() {
            return Hex.of(payload);
        }
    }

    private final Role sender;
    public final List<ByteBuffer> buffers = new ArrayList<>();
    public final List<Boolean> controlFlags = new ArrayList<>();

    public CapturingSink(Role sender) {
        this.sender = sender;
    }

    @Override
    public void send(ByteBuffer frames, boolean control) {
        buffers.add(frames.duplicate());
        controlFlags.add(control);
    }

    /** All sent bytes, concatenated. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer b : buffers) {
            ByteBuffer d = b.duplicate();
            byte[] a = new byte[d.remaining()];
            d.get(a);
            out.writeBytes(a);
        }
        return out.toByteArray();
    }

    /** The sent frames, decoded. */
    public List<Frame> frames() {
        List<Frame> frames = new ArrayList<>();
        Role receiver = sender == Role.CLIENT ? Role.SERVER : Role.CLIENT;
        FrameDecoder decoder = new FrameDecoder(receiver, Integer.MAX_VALUE, true, new FrameHandler() {
            boolean fin;
            int rsv;
            int opcode;
            ByteArrayOutputStream payload;

            @Override
            public void onFrameStart(boolean fin, int rsv, int opcode, long length) {
                this.fin = fin;
                this.rsv = rsv;
                this.opcode = opcode;
                payload = new ByteArrayOutputStream();
            }

            @Override
            public void onPayload(ByteBuffer chunk) {
                byte[] a = new byte[chunk.remaining()];
                chunk.get(a);
                payload.writeBytes(a);
            }

            @Override
            public void onFrameEnd() {
                frames.add(new Frame(fin, rsv, opcode, payload.toByteArray()));
            }
        });
        decoder.decode(ByteBuffer.wrap(bytes()));
        return frames;
    }

    /** The Close frames sent. */
    public List<Frame> closeFrames() {
        return frames().stream().filter(f -> f.opcode() == WebSocketProtocol.OPCODE_CLOSE).toList();
    }

    /** The code of the only Close frame sent (fails if there is not exactly one). */
    public int closeCode() {
        List<Frame> closes = closeFrames();
        if (closes.size() != 1) {
            throw new AssertionError("expected one Close frame, got " + closes.size());
        }
        return closes.get(0).closeCode();
    }
}
