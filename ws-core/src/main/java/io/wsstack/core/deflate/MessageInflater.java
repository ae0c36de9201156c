package io.wsstack.core.deflate;

import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.core.extension.MessageCompression.InflatedSink;
import io.wsstack.core.session.BufferPool;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;

/**
 * Inflates the incoming compressed messages of one connection (RFC 7692 §7.2.2) under a limit.
 *
 * <p>Output goes through an 8 KiB scratch array borrowed from the {@link BufferPool#shared() shared
 * pool} for one {@code decompress} call (the sink copies what it keeps), so an idle connection holds
 * none; each inflate call may produce at most {@code sink.remaining() + 1} bytes, so a decompression
 * bomb costs one scratch array and stops one byte past the limit, when the sink throws
 * {@code MessageTooBig}.
 *
 * <p>Whether the inflater is reset between messages follows the <em>peer's</em> negotiated context
 * takeover setting, never our own: if the two disagreed, a later message could be decoded against
 * a different history than the one it was compressed with.
 *
 * <p>Corrupt DEFLATE data closes the connection with 1007: it is the payload, not the framing, that
 * is inconsistent with what the message claims to be (RFC 6455 §7.4.1), as with invalid UTF-8.
 */
final class MessageInflater {

    /** The empty stored block tail the sender removed (RFC 7692 §7.2.2 step 1). */
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};
    private final InflaterPool pool;
    private final boolean resetAfterMessage;
    private final boolean releaseAfterMessage;
    /** Bytes of window to carry between messages (pooled mode with context takeover), else 0. */
    private final int windowCapacity;
    private RawInflater inflater;
    /** The peer's history between two messages in pooled mode, allocated at the first message's end. */
    private byte[] window;
    private int windowLength;
    private boolean messageHasData;
    /** A BFINAL block ended the DEFLATE stream and no byte has arrived since (see {@link #finish}). */
    private boolean streamEnded;
    private boolean closed;

    MessageInflater(InflaterPool pool, boolean resetAfterMessage, boolean releaseAfterMessage) {
        this(pool, resetAfterMessage, releaseAfterMessage, 0);
    }

    /**
     * @param windowCapacity in pooled mode with the peer's context takeover, the peer's window in
     *                       bytes: it is saved after each message and given to the next inflater
     *                       borrowed; otherwise 0
     */
    MessageInflater(InflaterPool pool, boolean resetAfterMessage, boolean releaseAfterMessage, int windowCapacity) {
        this.pool = pool;
        this.resetAfterMessage = resetAfterMessage;
        this.releaseAfterMessage = releaseAfterMessage;
        this.windowCapacity = windowCapacity;
    }

    void decompress(ByteBuffer chunk, InflatedSink sink) {
        checkOpen();
        if (!chunk.hasRemaining()) {
            return;
        }
        messageHasData = true;
        inflate(chunk, sink);
    }

    void finish(InflatedSink sink) {
        checkOpen();
        // A compressed message cannot be empty (the smallest is "00"), and a sender must follow a
        // BFINAL block with an empty stored block (RFC 7692 §7.2.1). Both mistakes get the lenient
        // reading "nothing more in this message": the tail alone would leave a half-read stored
        // block header in the inflater and corrupt the next message.
        if (messageHasData && !streamEnded) {
            inflate(ByteBuffer.wrap(TAIL), sink);
        }
        messageHasData = false;
        streamEnded = false;
        if (windowCapacity > 0 && inflater != null) {
            if (window == null) {
                window = new byte[windowCapacity];
            }
            windowLength = inflater.saveWindow(window);
        }
        if (releaseAfterMessage) {
            release();
        } else if (resetAfterMessage && inflater != null) {
            inflater.reset();
        }
    }

    private void inflate(ByteBuffer input, InflatedSink sink) {
        if (inflater == null) {
            inflater = pool.acquire();
            if (windowLength > 0) {
                inflater.restoreWindow(window, windowLength);
            }
        }
        streamEnded = false;
        ByteBuffer scratch = BufferPool.shared().borrow();
        try {
            inflateInto(inflater, input, sink, scratch.array());
        } finally {
            BufferPool.shared().giveBack(scratch);
        }
    }

    private void inflateInto(RawInflater inf, ByteBuffer input, InflatedSink sink, byte[] out) {
        try {
            while (true) {
                long remaining = sink.remaining();
                int room = remaining >= out.length ? out.length : (int) Math.max(remaining, 0) + 1;
                int n = inf.inflate(input, out, 0, room);
                if (n > 0) {
                    sink.write(out, 0, n);
                    if (n < room && !input.hasRemaining() && !inf.finished()) {
                        // zlib writes all the output it can: room left with the input used up means
                        // nothing is pending, so the empty call that would say so is saved (one
                        // native call, through the FFM binding, per frame and per message end).
                        return;
                    }
                } else if (inf.finished()) {
                    // A block with BFINAL set ended the DEFLATE stream (RFC 7692 §7.2.3.4); further
                    // blocks of this message start afresh. Data that refers back past such a block
                    // fails below as corrupt rather than decoding wrongly.
                    inf.reset();
                    if (!input.hasRemaining()) {
                        streamEnded = true;
                        return;
                    }
                } else if (!input.hasRemaining()) {
                    return;
                } else {
                    // Raw DEFLATE has no header that could ask for a preset dictionary, and with input
                    // and output room zlib always progresses; refuse rather than spin if it ever does not.
                    throw new WebSocketProtocolException.InvalidPayload("compressed data cannot be inflated");
                }
            }
        } catch (DataFormatException e) {
            throw new WebSocketProtocolException.InvalidPayload("corrupt compressed data: " + e.getMessage());
        }
    }

    /** Whether an inflater is held right now (for tests of the shared mode). */
    boolean holdsInflater() {
        return inflater != null;
    }

    void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    private void release() {
        if (inflater != null) {
            RawInflater i = inflater;
            inflater = null;
            pool.release(i);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("compression is closed");
        }
    }
}
