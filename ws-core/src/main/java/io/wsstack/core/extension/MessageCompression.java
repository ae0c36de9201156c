package io.wsstack.core.extension;

import java.nio.ByteBuffer;

/**
 * The per-connection state of a negotiated per-message compression extension
 * (permessage-deflate, RFC 7692), as the connection uses it. It owns the RSV1 bit.
 *
 * <p>The connection calls it from one thread at a time. Implementations hold a
 * {@code Deflater}/{@code Inflater} pair (dedicated mode) or borrow them from a pool per message
 * (shared mode); {@link #close()} ends or returns them.
 */
public interface MessageCompression extends AutoCloseable {

    /** Whether an outgoing data message with this many payload bytes should be compressed (the size threshold). */
    boolean shouldCompress(long payloadLength);

    /**
     * Compresses the next piece of an outgoing message. With {@code endOfMessage} the trailing
     * {@code 00 00 ff ff} is removed (RFC 7692 §7.2.1) and, if this side negotiated no context
     * takeover, the compression context is reset. The input is consumed; the result is a new buffer
     * positioned for reading.
     */
    ByteBuffer compress(ByteBuffer payload, boolean endOfMessage);

    /**
     * Inflates one chunk of an incoming compressed message (RFC 7692 §7.2.2) into {@code sink},
     * never handing the sink more than {@code sink.remaining() + 1} bytes at a time so that a
     * decompression bomb stops one byte past the limit. The chunk is consumed.
     */
    void decompress(ByteBuffer chunk, InflatedSink sink);

    /**
     * Ends the incoming compressed message: inflates the {@code 00 00 ff ff} tail that the sender
     * removed, delivers what remains to the sink, and resets the inflater if the peer negotiated no
     * context takeover.
     */
    void finishDecompression(InflatedSink sink);

    /** Releases the deflater and inflater (ends them, or returns them to their pool). Idempotent. */
    @Override
    void close();

    /** Receives inflated bytes of one message and enforces the message size limit. */
    interface InflatedSink {

        /** How many more bytes the message may grow by before it exceeds its limit. */
        long remaining();

        /**
         * Accepts inflated bytes; they are only valid during the call.
         *
         * @throws io.wsstack.core.WebSocketProtocolException.MessageTooBig when the limit is exceeded
         */
        void write(byte[] bytes, int offset, int length);
    }
}
