package io.wsstack.core.deflate;

import io.wsstack.core.extension.MessageCompression;
import java.nio.ByteBuffer;

/**
 * The permessage-deflate state of one connection: an outgoing {@link MessageDeflater} and an
 * incoming {@link MessageInflater}, configured for one role by {@link NegotiatedDeflate}.
 */
final class PerMessageDeflateCodec implements MessageCompression {

    private final int threshold;
    private final MessageDeflater outgoing;
    private final MessageInflater incoming;

    PerMessageDeflateCodec(int threshold, MessageDeflater outgoing, MessageInflater incoming) {
        this.threshold = threshold;
        this.outgoing = outgoing;
        this.incoming = incoming;
    }

    @Override
    public boolean shouldCompress(long payloadLength) {
        return payloadLength >= threshold;
    }

    @Override
    public ByteBuffer compress(ByteBuffer payload, boolean endOfMessage) {
        return outgoing.compress(payload, endOfMessage);
    }

    @Override
    public void decompress(ByteBuffer chunk, InflatedSink sink) {
        incoming.decompress(chunk, sink);
    }

    @Override
    public void finishDecompression(InflatedSink sink) {
        incoming.finish(sink);
    }

    /** Whether the connection holds a deflater or inflater right now (shared mode holds none between messages). */
    boolean holdsZipStreams() {
        return outgoing.holdsDeflater() || incoming.holdsInflater();
    }

    @Override
    public void close() {
        try {
            outgoing.close();
        } finally {
            incoming.close();
        }
    }
}
