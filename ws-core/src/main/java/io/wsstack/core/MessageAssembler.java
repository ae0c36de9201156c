package io.wsstack.core;

import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_CONTINUATION;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_TEXT;

import io.wsstack.core.WebSocketProtocolException.MessageTooBig;
import io.wsstack.core.extension.MessageCompression;
import io.wsstack.core.internal.utf8.Utf8Validator;
import io.wsstack.core.session.BufferPool;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Turns the data frames of incoming messages into listener events (RFC 6455 §5.4, §5.6).
 *
 * <p>It counts fragments and bytes per message against the limits (1009), inflates compressed
 * messages through the {@link MessageCompression} while bounding the <em>inflated</em> size, and
 * validates text as UTF-8 while bytes arrive so a bad byte fails the message at once (1007). Bytes
 * are collected in a buffer that grows with the data actually received, never with a declared
 * length. A message that arrives as one frame in one piece is delivered straight from the input
 * without copying, and so are the pieces of a streamed (uncompressed) binary message.
 *
 * <p>The collecting buffer exists only while a message is in progress: up to 64 KiB it is borrowed
 * from a pool shared by all connections (8 KiB and 64 KiB arrays) and given back when the message
 * was delivered, larger ones are dropped then. An idle connection holds no assembly buffer, and a
 * connection that receives split messages does not allocate one per message.
 *
 * <p>Frame order and header rules were already enforced by the frame decoder; control frames
 * interleaved between fragments never reach this class.
 */
final class MessageAssembler implements MessageCompression.InflatedSink {

    private static final byte[] EMPTY = new byte[0];
    /** Assembly buffers above the shared 8 KiB ones and up to the free share of the budget, kept for reuse (2 MiB at most). */
    private static final BufferPool LARGE = new BufferPool(InboundBudget.FREE_PER_CONNECTION, 32);
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private final Connection connection;
    private final WebSocketListener listener;
    private final MessageCompression compression;
    private final long maxMessageSize;
    private final int maxFragments;
    private final boolean streaming;
    private final Utf8Validator utf8 = new Utf8Validator();
    private final InboundBudget budget;
    /** Bytes of {@link #buffer} taken from the shared budget (its capacity beyond the free share). */
    private long reserved;
    /** Budget bytes of a delivered message the listener may still be using. */
    private long deliveredReserved;

    private boolean text;
    private boolean compressed;
    private int fragments;
    /** Bytes of the message so far (inflated, when compressed), including pieces already delivered. */
    private long messageSize;
    private boolean frameFin;
    private long frameLength;
    /** Payload bytes of the current frame seen so far (streaming binary only). */
    private long frameReceived;
    /** Whether the current frame was already delivered straight from the input. */
    private boolean deliveredDirectly;
    /** Whether a streamed binary piece flagged {@code last} was already handed over. */
    private boolean lastPieceDelivered;

    /** The size the buffer needs for the whole message when the last frame's header told it, else -1. */
    private long messageEnd = -1;
    private byte[] buffer = EMPTY;
    /** The pooled buffer whose array {@link #buffer} is, or null when it is not pooled. */
    private ByteBuffer pooled;
    private int buffered;

    MessageAssembler(Connection connection, WebSocketListener listener, MessageCompression compression,
                     ConnectionSettings settings) {
        this.connection = connection;
        this.listener = listener;
        this.compression = compression;
        this.maxMessageSize = settings.maxMessageSize();
        this.maxFragments = settings.maxFragments();
        this.streaming = settings.streaming();
        this.budget = settings.inboundBudget();
    }

    /** A data frame starts; the decoder has checked that {@code opcode} fits the message sequence. */
    void frameStart(int opcode, boolean fin, boolean rsv1, long length) {
        if (opcode != OPCODE_CONTINUATION) {
            text = opcode == OPCODE_TEXT;
            compressed = rsv1;
            fragments = 0;
            messageSize = 0;
            buffered = 0;
            utf8.reset();
        }
        if (++fragments > maxFragments) {
            throw new MessageTooBig("message split into more than " + maxFragments + " frames");
        }
        // Uncompressed sizes are known from the header: refuse before reading the payload.
        if (!compressed && messageSize + length > maxMessageSize) {
            throw tooBig();
        }
        frameFin = fin;
        frameLength = length;
        // An uncompressed final frame says how large the message ends up: growth stops there.
        messageEnd = !compressed && fin ? buffered + length : -1;
        frameReceived = 0;
        deliveredDirectly = false;
        lastPieceDelivered = false;
    }

    /** The next piece of the current frame's payload. */
    void payload(ByteBuffer chunk) {
        if (compressed) {
            compression.decompress(chunk, this);
            return;
        }
        int n = chunk.remaining();
        if (streaming && !text) {
            passThrough(chunk, n);
            return;
        }
        if (!streaming && frameFin && fragments == 1 && n == frameLength) {
            deliverWholeFrame(chunk);
            return;
        }
        messageSize += n;
        if (text) {
            utf8.validate(chunk);
        }
        ensureCapacity(buffered + n);
        chunk.get(buffer, buffered, n);
        buffered += n;
    }

    /** The current data frame is complete. */
    void frameEnd() {
        if (deliveredDirectly) {
            return;
        }
        if (streaming && !text && !compressed) {
            if (frameFin) {
                if (!lastPieceDelivered) {
                    listener.onBinaryFragment(connection, ByteBuffer.allocate(0), true);
                }
                endMessage();
            }
            return;
        }
        if (!frameFin) {
            if (streaming) {
                deliverPiece(false);
            }
            return;
        }
        if (compressed) {
            compression.finishDecompression(this);
        }
        if (text) {
            utf8.finish();
        }
        if (streaming) {
            deliverPiece(true);
        } else if (text) {
            listener.onText(connection, new String(buffer, 0, buffered, StandardCharsets.UTF_8));
        } else {
            listener.onBinary(connection, ByteBuffer.wrap(buffer, 0, buffered));
        }
        endMessage();
    }

    boolean holdsBuffer() {
        return buffer != EMPTY;
    }

    /** Drops any partial message and its buffer (after a close or an error). */
    void discard() {
        buffered = 0;
        returnPooled();
        buffer = EMPTY;
        releaseBudget();
        utf8.reset();
    }

    /** Gives a pooled buffer back; the caller then stops using {@link #buffer}. */
    private void returnPooled() {
        if (pooled != null) {
            ByteBuffer b = pooled;
            pooled = null;
            (b.capacity() == LARGE.bufferSize() ? LARGE : BufferPool.shared()).giveBack(b);
        }
    }

    private void releaseBudget() {
        budget.release(reserved + deliveredReserved);
        reserved = 0;
        deliveredReserved = 0;
    }

    /** The last delivered message is no longer used: its bytes stop counting against the budget. */
    void messageConsumed() {
        if (deliveredReserved > 0) {
            budget.release(deliveredReserved);
            deliveredReserved = 0;
        }
    }

    /** Bytes of the message being assembled or last delivered (inflated, when compressed). */
    long messageSize() {
        return messageSize;
    }

    @Override
    public long remaining() {
        return maxMessageSize - messageSize;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (length > remaining()) {
            throw tooBig();
        }
        messageSize += length;
        if (text) {
            utf8.validate(bytes, offset, length);
        }
        ensureCapacity(buffered + length);
        System.arraycopy(bytes, offset, buffer, buffered, length);
        buffered += length;
    }

    /** Streaming binary needs no buffer: each input piece goes straight to the listener. */
    private void passThrough(ByteBuffer chunk, int n) {
        frameReceived += n;
        messageSize += n;
        boolean last = frameFin && frameReceived == frameLength;
        lastPieceDelivered = last;
        listener.onBinaryFragment(connection, chunk, last);
    }

    /** An unfragmented, uncompressed message whose payload is all in one input chunk: no copy. */
    private void deliverWholeFrame(ByteBuffer chunk) {
        deliveredDirectly = true;
        messageSize = frameLength;
        if (text) {
            utf8.validate(chunk);
            utf8.finish();
            listener.onText(connection, decode(chunk));
        } else {
            listener.onBinary(connection, chunk);
        }
        endMessage();
    }

    private static String decode(ByteBuffer validUtf8) {
        if (validUtf8.hasArray()) {
            return new String(validUtf8.array(), validUtf8.arrayOffset() + validUtf8.position(),
                    validUtf8.remaining(), StandardCharsets.UTF_8);
        }
        // A direct buffer (Netty's pooled reads on Reactor Netty): Charset.decode would go through a
        // CharBuffer a character at a time, several times slower than one bulk copy into an array
        // that String's own decoder takes on its fast path (ASCII runs copied as they are).
        byte[] bytes = new byte[validUtf8.remaining()];
        validUtf8.get(validUtf8.position(), bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Streaming: hands over what is buffered; text only up to the last complete character. */
    private void deliverPiece(boolean last) {
        if (text) {
            int boundary = buffered - utf8.pendingBytes();
            if (boundary == 0 && !last) {
                return;
            }
            String piece = new String(buffer, 0, boundary, StandardCharsets.UTF_8);
            System.arraycopy(buffer, boundary, buffer, 0, buffered - boundary);
            buffered -= boundary;
            listener.onTextFragment(connection, piece, last);
        } else {
            if (buffered == 0 && !last) {
                return;
            }
            ByteBuffer piece = ByteBuffer.wrap(buffer, 0, buffered);
            buffered = 0;
            listener.onBinaryFragment(connection, piece, last);
        }
    }

    private void endMessage() {
        buffered = 0;
        fragments = 0;
        if (pooled != null) {
            // The listener has returned: nothing refers to the delivered bytes any more.
            returnPooled();
            buffer = EMPTY;
        } else if (buffer.length > 0) {
            // The listener may still use the delivered bytes: the budget is given back once the
            // transport says so (messageConsumed) or the engine reads on.
            buffer = EMPTY;
            deliveredReserved += reserved;
            reserved = 0;
        }
    }

    /** Grows the buffer geometrically, but never beyond what the message limit allows. */
    private void ensureCapacity(long needed) {
        if (needed <= buffer.length) {
            return;
        }
        if (needed > MAX_ARRAY) {
            throw tooBig();
        }
        long cap = Math.min(maxMessageSize, MAX_ARRAY);
        long grown = Math.max(needed, Math.min(cap, Math.max(256L, (long) buffer.length * 2)));
        if (messageEnd >= needed && grown > messageEnd) {
            // Never beyond what the message needs (the buffer still grows only with bytes received).
            grown = messageEnd;
        }
        // Capacity beyond the free share is taken from the budget shared with other connections,
        // before the array exists: over budget the message fails with 1013, not the heap.
        long counted = Math.max(0, grown - InboundBudget.FREE_PER_CONNECTION);
        if (counted > reserved) {
            if (!budget.tryReserve(counted - reserved)) {
                throw new WebSocketProtocolException.TryAgainLater("server busy: inbound message budget used up");
            }
            reserved = counted;
        }
        ByteBuffer borrowed = grown <= BufferPool.shared().bufferSize() ? BufferPool.shared().borrow()
                : grown <= LARGE.bufferSize() ? LARGE.borrow() : null;
        byte[] bigger = borrowed != null ? borrowed.array() : new byte[(int) grown];
        System.arraycopy(buffer, 0, bigger, 0, buffered);
        returnPooled();
        pooled = borrowed;
        buffer = bigger;
    }

    private MessageTooBig tooBig() {
        return new MessageTooBig("message exceeds the limit of " + maxMessageSize + " bytes");
    }
}
