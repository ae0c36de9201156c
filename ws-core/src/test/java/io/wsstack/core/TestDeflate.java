package io.wsstack.core;

import io.wsstack.core.extension.MessageCompression;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A minimal permessage-deflate (RFC 7692 §7.2) for engine tests only, with context takeover and
 * no threshold. The real extension lives in {@code io.wsstack.core.deflate}.
 */
final class TestDeflate implements MessageCompression {

    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);
    private final long threshold;
    boolean closed;

    TestDeflate(long threshold) {
        this.threshold = threshold;
    }

    @Override
    public boolean shouldCompress(long payloadLength) {
        return payloadLength >= threshold;
    }

    @Override
    public ByteBuffer compress(ByteBuffer payload, boolean endOfMessage) {
        byte[] in = new byte[payload.remaining()];
        payload.get(in);
        deflater.setInput(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        int n;
        while ((n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
            out.write(buf, 0, n);
        }
        byte[] bytes = out.toByteArray();
        int length = bytes.length;
        if (endOfMessage && length >= 4) {
            length -= 4; // drop 00 00 ff ff
        }
        return ByteBuffer.wrap(bytes, 0, length).slice();
    }

    @Override
    public void decompress(ByteBuffer chunk, InflatedSink sink) {
        byte[] in = new byte[chunk.remaining()];
        chunk.get(in);
        inflate(in, sink);
    }

    @Override
    public void finishDecompression(InflatedSink sink) {
        inflate(TAIL, sink);
    }

    private void inflate(byte[] in, InflatedSink sink) {
        inflater.setInput(in);
        try {
            while (true) {
                byte[] out = new byte[(int) Math.max(1, Math.min(4096, sink.remaining() + 1))];
                int n = inflater.inflate(out);
                if (n == 0) {
                    return;
                }
                sink.write(out, 0, n);
            }
        } catch (DataFormatException e) {
            throw new WebSocketProtocolException.InvalidPayload("bad deflate data");
        }
    }

    @Override
    public void close() {
        closed = true;
        deflater.end();
        inflater.end();
    }
}
