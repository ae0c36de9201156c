package io.wsstack.core.session;

import static io.wsstack.core.internal.frame.WebSocketProtocol.B0_FLAG_RSV1;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_BINARY;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_TEXT;

import io.wsstack.core.MaskKeySource;
import io.wsstack.core.internal.utf8.Utf8Length;
import io.wsstack.core.internal.utf8.Utf8Encoder;
import io.wsstack.core.extension.MessageCompression;
import io.wsstack.core.internal.frame.FrameEncoder;
import io.wsstack.core.internal.frame.Masking;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Encodes a session's outgoing data messages (one frame each) straight into its
 * {@link OutboundFrames}, under the writer's lock rather than the lock the reader decodes under, so
 * encoding and compression never hold up reading.
 *
 * <ul>
 *   <li>A small frame (payload under {@value #GATHER_THRESHOLD} bytes) is written into the queue's
 *       pooled tail, after the frames queued before it: text is encoded from the {@code String}
 *       into that buffer directly, a small binary payload copied once. Nothing is allocated.</li>
 *   <li>A larger payload that is ours to keep (compressed output, a text's bytes, a buffer the
 *       caller handed over) is not copied: its header goes into the tail and the payload is written
 *       right after it in the same gathering write (the shape of Netty's
 *       {@code WebSocket08FrameEncoder} above its gathering threshold).</li>
 *   <li>A larger payload the caller keeps is copied into a frame of its own, since the caller may
 *       reuse its buffer once the send returns.</li>
 * </ul>
 * A client masks every frame (RFC 6455 §5.3), so it never sends a caller's payload uncopied.
 *
 * <p>permessage-deflate (RFC 7692) compresses a message of at least the extension's threshold; the
 * compression context advances in queue order because encoding and queueing happen under one lock.
 * Not thread-safe: the caller holds the writer's lock.
 */
public final class OutboundMessages {

    /** Payloads from this size on are written without being copied, when they may be kept. */
    public static final int GATHER_THRESHOLD = 1024;

    private final OutboundFrames queue;
    private final MessageCompression compression;
    private final MaskKeySource maskKeys;
    private long lastPayloadLength;

    /**
     * @param compression the outgoing side of permessage-deflate, or {@code null}
     * @param maskKeys    mask keys for a client, {@code null} for a server (which never masks)
     */
    public OutboundMessages(OutboundFrames queue, MessageCompression compression, MaskKeySource maskKeys) {
        this.queue = queue;
        this.compression = compression;
        this.maskKeys = maskKeys;
    }

    /**
     * Queues a text message. Its UTF-8 length is counted on the way ({@link #lastPayloadLength()}):
     * a short text is measured, then encoded straight into the queue; a long one is encoded by the
     * JDK (an intrinsic copy for ASCII) and measured by the result.
     *
     * @return the frame's bytes on the wire, or -1 if our Close is already queued (nothing queued)
     */
    public long text(String text, CompletableFuture<Void> future) {
        if (text.length() < GATHER_THRESHOLD) {
            long utf8Length = Utf8Length.of(text);
            if (utf8Length < GATHER_THRESHOLD) {
                return shortText(text, (int) utf8Length, future);
            }
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        lastPayloadLength = bytes.length;
        if (compression != null && compression.shouldCompress(bytes.length)) {
            return compressed(OPCODE_TEXT, ByteBuffer.wrap(bytes), future);
        }
        return owned(0, OPCODE_TEXT, ByteBuffer.wrap(bytes), future);
    }

    /**
     * The payload bytes of the last message queued (or refused after measuring): what a meter of
     * payload bytes counts.
     */
    public long lastPayloadLength() {
        return lastPayloadLength;
    }

    private long shortText(String text, int length, CompletableFuture<Void> future) {
        lastPayloadLength = length;
        if (compression != null && compression.shouldCompress(length)) {
            return compressed(OPCODE_TEXT, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), future);
        }
        boolean mask = maskKeys != null;
        int header = FrameEncoder.headerLength(length, mask);
        byte[] out = queue.reserve(header + length);
        if (out == null) {
            return -1;
        }
        int offset = queue.reservedOffset();
        int key = mask ? maskKeys.nextMaskKey() : 0;
        FrameEncoder.writeHeader(out, offset, true, 0, OPCODE_TEXT, length, mask, key);
        Utf8Encoder.encode(text, out, offset + header);
        if (mask) {
            Masking.mask(out, offset + header, length, key, 0);
        }
        queue.commit(header + length, future);
        return header + length;
    }

    /**
     * Queues a binary message carrying the remaining bytes of {@code data} (its position is not
     * changed).
     *
     * @param handedOver whether the caller gives the buffer up: it may then be written without a copy
     * @return the frame's bytes on the wire, or -1 if our Close is already queued
     */
    public long binary(ByteBuffer data, boolean handedOver, CompletableFuture<Void> future) {
        lastPayloadLength = data.remaining();
        if (compression != null && compression.shouldCompress(data.remaining())) {
            return compressed(OPCODE_BINARY, data.duplicate(), future);
        }
        if (handedOver || data.remaining() < GATHER_THRESHOLD) {
            return owned(0, OPCODE_BINARY, data.duplicate(), future);
        }
        return separate(0, OPCODE_BINARY, data, future);
    }

    /** Queues frames encoded in advance (a broadcast's shared bytes) as they are. */
    public long encoded(ByteBuffer frames, CompletableFuture<Void> future) {
        long bytes = frames.remaining();
        lastPayloadLength = -1;
        return queue.addData(frames, future) ? bytes : -1;
    }

    private long compressed(int opcode, ByteBuffer payload, CompletableFuture<Void> future) {
        if (queue.isCloseQueued()) {
            // Compressing now would advance the context for a message that is never sent.
            return -1;
        }
        return owned(B0_FLAG_RSV1, opcode, compression.compress(payload, true), future);
    }

    /** A payload nobody else changes: copied into the tail when small, else written after its header. */
    private long owned(int rsv, int opcode, ByteBuffer payload, CompletableFuture<Void> future) {
        if (maskKeys != null) {
            return separate(rsv, opcode, payload, future);
        }
        int length = payload.remaining();
        int header = FrameEncoder.headerLength(length, false);
        boolean small = length < GATHER_THRESHOLD;
        byte[] out = queue.reserve(small ? header + length : header);
        if (out == null) {
            return -1;
        }
        int offset = queue.reservedOffset();
        FrameEncoder.writeHeader(out, offset, true, rsv, opcode, length, false, 0);
        if (small) {
            payload.duplicate().get(out, offset + header, length);
            queue.commit(header + length, future);
        } else {
            queue.attachPayload(header, payload, future);
        }
        return header + length;
    }

    /** A frame in an array of its own, header and (masked) payload copied together. */
    private long separate(int rsv, int opcode, ByteBuffer payload, CompletableFuture<Void> future) {
        boolean mask = maskKeys != null;
        ByteBuffer frame = FrameEncoder.encode(true, rsv, opcode, payload, mask, mask ? maskKeys.nextMaskKey() : 0);
        long bytes = frame.remaining();
        return queue.addData(frame, future) ? bytes : -1;
    }
}
