package io.wsstack.core.deflate;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Transports hand over direct, read-only and sliced buffers; all are consumed as the SPI says. */
class BufferKindsTest {

    private static final byte[] MESSAGE = "buffer kinds, buffer kinds, buffer kinds".getBytes(US_ASCII);

    private static ByteBuffer direct(byte[] bytes) {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes.length + 8);
        b.position(4);
        b.put(bytes);
        b.flip();
        b.position(4);
        return b;
    }

    @Test
    @DisplayName("RFC 7692 §7.2.1: a direct payload is compressed and consumed")
    void directPayload() {
        try (Codecs.Pair pair = Codecs.negotiate(DeflateOptions.defaults(), DeflateOptions.defaults())) {
            ByteBuffer payload = direct(MESSAGE);
            ByteBuffer compressed = pair.client().compress(payload, true);
            assertThat(payload.hasRemaining()).isFalse();
            assertThat(compressed.position()).isZero();
            CollectingSink sink = new CollectingSink(1 << 20);
            ByteBuffer chunk = direct(Codecs.toArray(compressed));
            pair.server().decompress(chunk, sink);
            assertThat(chunk.hasRemaining()).isFalse();
            pair.server().finishDecompression(sink);
            assertThat(sink.takeMessage()).isEqualTo(MESSAGE);
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.2.2: read-only and offset heap chunks are inflated and consumed")
    void readOnlyAndOffsetChunks() {
        try (Codecs.Pair pair = Codecs.negotiate(DeflateOptions.defaults(), DeflateOptions.defaults())) {
            byte[] compressed = Codecs.compress(pair.client(), MESSAGE);
            byte[] padded = new byte[compressed.length + 6];
            System.arraycopy(compressed, 0, padded, 3, compressed.length);
            ByteBuffer chunk = ByteBuffer.wrap(padded, 3, compressed.length).slice().asReadOnlyBuffer();
            CollectingSink sink = new CollectingSink(1 << 20);
            pair.server().decompress(chunk, sink);
            assertThat(chunk.hasRemaining()).isFalse();
            pair.server().finishDecompression(sink);
            assertThat(sink.takeMessage()).isEqualTo(MESSAGE);

            ByteBuffer readOnlyPayload = ByteBuffer.wrap(MESSAGE).asReadOnlyBuffer();
            byte[] again = Codecs.toArray(pair.client().compress(readOnlyPayload, true));
            assertThat(readOnlyPayload.hasRemaining()).isFalse();
            assertThat(Codecs.inflate(pair.server(), java.util.List.of(again))).isEqualTo(MESSAGE);
        }
    }
}
