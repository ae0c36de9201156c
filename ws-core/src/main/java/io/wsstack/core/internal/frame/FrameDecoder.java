package io.wsstack.core.internal.frame;

import static io.wsstack.core.internal.frame.WebSocketProtocol.B0_FLAG_FIN;
import static io.wsstack.core.internal.frame.WebSocketProtocol.B0_FLAG_RSV1;
import static io.wsstack.core.internal.frame.WebSocketProtocol.B0_MASK_OPCODE;
import static io.wsstack.core.internal.frame.WebSocketProtocol.B0_MASK_RSV;
import static io.wsstack.core.internal.frame.WebSocketProtocol.B1_FLAG_MASK;
import static io.wsstack.core.internal.frame.WebSocketProtocol.B1_MASK_LENGTH;
import static io.wsstack.core.internal.frame.WebSocketProtocol.MASK_KEY_LENGTH;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_CONTINUATION;
import static io.wsstack.core.internal.frame.WebSocketProtocol.PAYLOAD_16_MAX;
import static io.wsstack.core.internal.frame.WebSocketProtocol.PAYLOAD_LENGTH_16;
import static io.wsstack.core.internal.frame.WebSocketProtocol.PAYLOAD_LENGTH_64;
import static io.wsstack.core.internal.frame.WebSocketProtocol.PAYLOAD_SHORT_MAX;

import io.wsstack.core.Role;
import io.wsstack.core.WebSocketProtocolException.MessageTooBig;
import io.wsstack.core.WebSocketProtocolException.ProtocolViolation;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A resumable RFC 6455 frame parser. Feed it buffers of any size: a frame may be split at any byte
 * and a buffer may hold many frames; running out of bytes simply leaves the decoder in its current
 * {@link State} until the next call.
 *
 * <p>Every header rule is checked before {@link FrameHandler#onFrameStart} and before any payload
 * byte is read, so a bad header costs no allocation and no payload work:
 * <ul>
 *   <li>reserved bits: RSV1 only when an extension using it (permessage-deflate) was negotiated,
 *       and then only on the first frame of a data message; RSV2/RSV3 never (§5.2) → 1002</li>
 *   <li>masking direction: clients mask, servers do not (§5.1) → 1002</li>
 *   <li>reserved opcodes 0x3–0x7 and 0xB–0xF (§5.2) → 1002</li>
 *   <li>control frames must be final and carry at most 125 bytes (§5.5) → 1002</li>
 *   <li>a continuation needs a message in progress, and a new data frame may not start inside one
 *       (§5.4) → 1002</li>
 *   <li>a 64-bit length must have its top bit clear (§5.2) → 1002</li>
 *   <li>lengths must use the shortest form ("the minimal number of bytes", §5.2): a 16-bit length
 *       below 126 or a 64-bit length below 65536 → 1002. We reject rather than tolerate, as Netty
 *       does, because a sender that pads lengths is not following the RFC and nothing legitimate
 *       depends on it.</li>
 *   <li>a data frame longer than the frame size limit → 1009, decided from the header alone</li>
 * </ul>
 *
 * <p>Payload is handed to the {@link FrameHandler} piece by piece as it arrives, unmasked in place
 * in the caller's buffer (or, for a read-only buffer, in a small reusable scratch buffer), so the
 * declared length never drives an allocation. Masked input buffers are therefore modified.
 *
 * <p>Not thread-safe. After a handler throws, the decoder must not be used again.
 */
public final class FrameDecoder {

    /** Where the decoder stands between calls. */
    public enum State {
        /** Waiting for the first two header bytes. */
        HEADER,
        /** Reading the 16- or 64-bit extended payload length. */
        EXTENDED_LENGTH,
        /** Reading the 4-byte masking key. */
        MASK_KEY,
        /** Delivering payload bytes of the current frame. */
        PAYLOAD,
        /** Stopped by {@link #halt()}; further input is ignored. */
        HALTED
    }

    private static final int SCRATCH_SIZE = 8192;

    private final boolean expectMasked;
    private final boolean rsv1Negotiated;
    private final int maxFrameSize;
    private final FrameHandler handler;

    private State state = State.HEADER;
    private final byte[] header = new byte[WebSocketProtocol.MAX_HEADER_LENGTH];
    private int headerFilled;
    private int headerNeeded;

    private boolean fin;
    private int rsv;
    private int opcode;
    private boolean masked;
    private long length;
    private int maskKey;
    private long payloadDelivered;

    /** Whether a fragmented data message has started and not yet received its final frame. */
    private boolean inFragmentedMessage;
    private ByteBuffer scratch;
    /** Set by {@link #pause()} from inside a handler call: the current {@link #decode} returns at the next step. */
    private boolean pauseRequested;

    /**
     * Creates a decoder for frames received by {@code role}.
     *
     * @param role           our role: a server requires masked frames, a client unmasked ones
     * @param maxFrameSize   the largest data frame payload accepted, in bytes
     * @param rsv1Negotiated whether an extension that uses RSV1 (permessage-deflate) was negotiated
     * @param handler        receives the frames
     */
    public FrameDecoder(Role role, int maxFrameSize, boolean rsv1Negotiated, FrameHandler handler) {
        if (maxFrameSize <= 0) {
            throw new IllegalArgumentException("maxFrameSize must be positive: " + maxFrameSize);
        }
        this.expectMasked = role.expectsMaskedIncoming();
        this.rsv1Negotiated = rsv1Negotiated;
        this.maxFrameSize = maxFrameSize;
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** The current state; {@link State#HEADER} means the decoder sits exactly between frames. */
    public State state() {
        return state;
    }

    /** Stops decoding: the current call returns as soon as the handler returns, later input is ignored. */
    public void halt() {
        state = State.HALTED;
        pauseRequested = false;
    }

    /**
     * Makes the running {@link #decode(ByteBuffer)} call return as soon as the handler call in
     * progress returns, leaving the input's position at the first byte not yet read. Nothing is
     * lost: the decoder's state (a partial header, the rest of a frame's payload, the fragmented
     * message in progress) is kept, and the next {@code decode} call goes on from there with the
     * bytes left in the buffer. Only meaningful from inside a {@link FrameHandler} call; the request
     * is cleared when a new {@code decode} call starts.
     */
    public void pause() {
        pauseRequested = true;
    }

    /**
     * Parses as much of {@code in} as possible, moving its position to its limit (or to where
     * {@link #halt()} or {@link #pause()} was called).
     *
     * @throws io.wsstack.core.WebSocketProtocolException when a header breaks a rule, or as thrown
     *                                                    by the handler
     */
    public void decode(ByteBuffer in) {
        pauseRequested = false;
        while (true) {
            // Checked between steps: a step ends after a handler call, never inside a byte run.
            if (pauseRequested) {
                pauseRequested = false;
                return;
            }
            switch (state) {
                case HEADER -> {
                    if (!fillHeader(in, 2)) {
                        return;
                    }
                    parseFirstTwoBytes();
                }
                case EXTENDED_LENGTH -> {
                    if (!fillHeader(in, headerNeeded - (masked ? MASK_KEY_LENGTH : 0))) {
                        return;
                    }
                    parseExtendedLength();
                }
                case MASK_KEY -> {
                    if (!fillHeader(in, headerNeeded)) {
                        return;
                    }
                    int k = headerNeeded - MASK_KEY_LENGTH;
                    maskKey = (header[k] & 0xFF) << 24 | (header[k + 1] & 0xFF) << 16
                            | (header[k + 2] & 0xFF) << 8 | (header[k + 3] & 0xFF);
                    startFrame();
                }
                case PAYLOAD -> {
                    if (!in.hasRemaining()) {
                        return;
                    }
                    deliverPayload(in);
                }
                case HALTED -> {
                    in.position(in.limit());
                    return;
                }
            }
        }
    }

    /** Copies header bytes until {@code target} are present; false when the input ran out first. */
    private boolean fillHeader(ByteBuffer in, int target) {
        while (headerFilled < target) {
            if (!in.hasRemaining()) {
                return false;
            }
            header[headerFilled++] = in.get();
        }
        return true;
    }

    private void parseFirstTwoBytes() {
        int b0 = header[0] & 0xFF;
        int b1 = header[1] & 0xFF;
        fin = (b0 & B0_FLAG_FIN) != 0;
        rsv = b0 & B0_MASK_RSV;
        opcode = b0 & B0_MASK_OPCODE;
        masked = (b1 & B1_FLAG_MASK) != 0;
        int shortLength = b1 & B1_MASK_LENGTH;
        boolean control = WebSocketProtocol.isControl(opcode);

        if (!WebSocketProtocol.isDefined(opcode)) {
            throw new ProtocolViolation("reserved opcode " + opcode);
        }
        checkReservedBits(control);
        if (masked != expectMasked) {
            throw new ProtocolViolation(expectMasked ? "client frame not masked" : "server frame masked");
        }
        if (control) {
            if (!fin) {
                throw new ProtocolViolation("fragmented control frame");
            }
            if (shortLength > PAYLOAD_SHORT_MAX) {
                throw new ProtocolViolation("control frame longer than 125 bytes");
            }
        } else {
            checkFragmentOrder();
        }

        int extended = shortLength == PAYLOAD_LENGTH_16 ? 2 : shortLength == PAYLOAD_LENGTH_64 ? 8 : 0;
        headerNeeded = 2 + extended + (masked ? MASK_KEY_LENGTH : 0);
        if (extended > 0) {
            state = State.EXTENDED_LENGTH;
            return;
        }
        length = shortLength;
        checkFrameSize(control);
        afterLength();
    }

    private void checkReservedBits(boolean control) {
        int forbidden = rsv;
        if (rsv1Negotiated && !control && opcode != OPCODE_CONTINUATION) {
            forbidden &= ~B0_FLAG_RSV1; // permessage-deflate marks the first frame of a message (RFC 7692 §6)
        }
        if (forbidden != 0) {
            throw new ProtocolViolation("reserved bits set without a negotiated extension: 0x"
                    + Integer.toHexString(rsv));
        }
    }

    private void checkFragmentOrder() {
        if (opcode == OPCODE_CONTINUATION) {
            if (!inFragmentedMessage) {
                throw new ProtocolViolation("continuation frame without a message in progress");
            }
        } else if (inFragmentedMessage) {
            throw new ProtocolViolation("new data frame inside a fragmented message");
        }
        // Known before any payload: the message stays open until a final frame arrives.
        inFragmentedMessage = !fin;
    }

    private void parseExtendedLength() {
        if (headerNeeded - (masked ? MASK_KEY_LENGTH : 0) == 4) {
            length = (header[2] & 0xFF) << 8 | (header[3] & 0xFF);
            if (length <= PAYLOAD_SHORT_MAX) {
                throw new ProtocolViolation("16-bit length used for " + length + " bytes");
            }
        } else {
            long v = 0;
            for (int i = 2; i < 10; i++) {
                v = v << 8 | (header[i] & 0xFF);
            }
            if (v < 0) {
                throw new ProtocolViolation("64-bit length with the most significant bit set");
            }
            if (v <= PAYLOAD_16_MAX) {
                throw new ProtocolViolation("64-bit length used for " + v + " bytes");
            }
            length = v;
        }
        checkFrameSize(false);
        afterLength();
    }

    private void checkFrameSize(boolean control) {
        // Control frames are already capped at 125 bytes; the limit is about data frames.
        if (!control && length > maxFrameSize) {
            throw new MessageTooBig("frame of " + length + " bytes exceeds the limit of " + maxFrameSize);
        }
    }

    private void afterLength() {
        if (masked) {
            state = State.MASK_KEY;
        } else {
            startFrame();
        }
    }

    private void startFrame() {
        headerFilled = 0;
        payloadDelivered = 0;
        state = State.PAYLOAD;
        handler.onFrameStart(fin, rsv, opcode, length);
        if (length == 0 && state == State.PAYLOAD) {
            state = State.HEADER;
            handler.onFrameEnd();
        }
    }

    private void deliverPayload(ByteBuffer in) {
        int n = (int) Math.min(in.remaining(), length - payloadDelivered);
        int start = in.position();
        int end = start + n;
        if (masked && in.isReadOnly()) {
            n = deliverViaScratch(in, n);
        } else {
            if (masked) {
                Masking.mask(in, start, n, maskKey, payloadDelivered);
            }
            int limit = in.limit();
            in.limit(end);
            try {
                handler.onPayload(in);
            } finally {
                in.limit(limit);
                in.position(end);
            }
        }
        payloadDelivered += n;
        if (payloadDelivered == length && state == State.PAYLOAD) {
            state = State.HEADER;
            handler.onFrameEnd();
        }
    }

    /**
     * A read-only input cannot be unmasked in place: unmask a copy, one scratch buffer at a time.
     * Returns how many payload bytes were consumed: fewer than {@code n} when paused in between.
     */
    private int deliverViaScratch(ByteBuffer in, int n) {
        if (scratch == null) {
            scratch = ByteBuffer.allocate(SCRATCH_SIZE);
        }
        long offset = payloadDelivered;
        int left = n;
        while (left > 0 && state == State.PAYLOAD && !pauseRequested) {
            int step = Math.min(left, SCRATCH_SIZE);
            scratch.clear();
            in.get(scratch.array(), 0, step);
            Masking.mask(scratch.array(), 0, step, maskKey, offset);
            scratch.limit(step);
            handler.onPayload(scratch);
            offset += step;
            left -= step;
        }
        if (left > 0 && state != State.PAYLOAD) {
            in.position(in.position() + left); // halted: the rest is ignored anyway
            return n;
        }
        return n - left;
    }
}
