package io.wsstack.core;

import static io.wsstack.core.internal.frame.WebSocketProtocol.B0_FLAG_RSV1;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_BINARY;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_CONTINUATION;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_TEXT;

import io.wsstack.core.extension.MessageCompression;
import io.wsstack.core.internal.frame.FrameEncoder;
import java.nio.ByteBuffer;

/**
 * The outgoing half of a connection: turns messages into frames for the {@link FrameSink}.
 *
 * <p>A whole message goes out as one frame. When compression is negotiated and the message is
 * large enough, its payload is deflated and RSV1 marks the first (here: only) frame (RFC 7692 §6).
 * A streamed message ({@link #sendFragment}) decides compression on its first fragment and keeps
 * that decision for all its frames; only the first carries RSV1.
 */
final class MessageSender {

    private final FrameEncoder encoder;
    private final MessageCompression compression;
    private final FrameSink sink;

    private boolean fragmentInProgress;
    private boolean fragmentCompressed;

    MessageSender(FrameEncoder encoder, MessageCompression compression, FrameSink sink) {
        this.encoder = encoder;
        this.compression = compression;
        this.sink = sink;
    }

    /** Whether a message started with {@link #sendFragment} has not sent its last fragment yet. */
    boolean fragmentInProgress() {
        return fragmentInProgress;
    }

    /** Sends a whole message in one frame. */
    void sendMessage(boolean text, ByteBuffer payload) {
        if (fragmentInProgress) {
            throw new IllegalStateException("a fragmented message is being sent; finish it first");
        }
        int opcode = text ? OPCODE_TEXT : OPCODE_BINARY;
        if (compression != null && compression.shouldCompress(payload.remaining())) {
            ByteBuffer deflated = compression.compress(payload.duplicate(), true);
            sink.send(encoder.encode(true, B0_FLAG_RSV1, opcode, deflated), false);
        } else {
            sink.send(encoder.encode(true, 0, opcode, payload), false);
        }
    }

    /** Sends one frame of a streamed message (RFC 6455 §5.4). */
    void sendFragment(boolean text, ByteBuffer payload, boolean last) {
        int opcode;
        int rsv = 0;
        if (!fragmentInProgress) {
            opcode = text ? OPCODE_TEXT : OPCODE_BINARY;
            fragmentCompressed = compression != null && compression.shouldCompress(payload.remaining());
            rsv = fragmentCompressed ? B0_FLAG_RSV1 : 0;
        } else {
            opcode = OPCODE_CONTINUATION;
        }
        ByteBuffer body = fragmentCompressed ? compression.compress(payload.duplicate(), last) : payload;
        sink.send(encoder.encode(last, rsv, opcode, body), false);
        fragmentInProgress = !last;
    }

    /** Sends a control frame (ping, pong or close); the caller has checked its size. */
    void sendControl(int opcode, ByteBuffer payload) {
        sink.send(encoder.encode(true, 0, opcode, payload), true);
    }

    /** Sends frames encoded in advance, as they are. */
    void sendEncoded(ByteBuffer frames) {
        if (fragmentInProgress) {
            throw new IllegalStateException("a fragmented message is being sent; finish it first");
        }
        sink.send(frames, false);
    }
}
