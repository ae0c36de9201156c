package io.wsstack.core.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every Deflater and Inflater is ended exactly once (bad input #19, Jetty #293 and #13029). */
class LifecycleTest {

    @Test
    @DisplayName("bad input #19: dedicated connections end their Deflater and Inflater on close")
    void dedicatedEndsOnClose() {
        long deflaters = DeflateResources.liveDeflaters();
        long inflaters = DeflateResources.liveInflaters();
        Codecs.Pair pair = Codecs.negotiate(DeflateOptions.defaults(), DeflateOptions.defaults());
        byte[] compressed = Codecs.compress(pair.client(), "hello hello hello".getBytes());
        Codecs.inflate(pair.server(), java.util.List.of(compressed));
        assertThat(DeflateResources.liveDeflaters() - deflaters).isEqualTo(1);
        assertThat(DeflateResources.liveInflaters() - inflaters).isEqualTo(1);
        pair.close();
        assertThat(DeflateResources.liveDeflaters()).isEqualTo(deflaters);
        assertThat(DeflateResources.liveInflaters()).isEqualTo(inflaters);
    }

    @Test
    @DisplayName("bad input #19: close is idempotent and never ends an instance twice")
    void closeIsIdempotent() {
        long deflaters = DeflateResources.liveDeflaters();
        Codecs.Pair pair = Codecs.negotiate(DeflateOptions.defaults(), DeflateOptions.defaults());
        Codecs.compress(pair.client(), new byte[100]);
        pair.client().close();
        pair.client().close();
        pair.close();
        assertThat(DeflateResources.liveDeflaters()).isEqualTo(deflaters);
    }

    @Test
    @DisplayName("bad input #19: a connection that never sent or received holds no zlib stream at all")
    void lazyCreation() {
        long deflaters = DeflateResources.liveDeflaters();
        long inflaters = DeflateResources.liveInflaters();
        try (Codecs.Pair pair = Codecs.negotiate(DeflateOptions.defaults(), DeflateOptions.defaults())) {
            assertThat(DeflateResources.liveDeflaters()).isEqualTo(deflaters);
            assertThat(DeflateResources.liveInflaters()).isEqualTo(inflaters);
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.2: using a closed codec is a programming error, not a silent no-op")
    void useAfterClose() {
        Codecs.Pair pair = Codecs.negotiate(DeflateOptions.defaults(), DeflateOptions.defaults());
        pair.close();
        assertThatThrownBy(() -> pair.client().compress(ByteBuffer.allocate(1), true))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pair.server().decompress(ByteBuffer.wrap(new byte[] {0}), new CollectingSink(10)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("RFC 7692 §7.2.1: messages below the threshold go uncompressed")
    void threshold() {
        try (Codecs.Pair pair = Codecs.negotiate(DeflateOptions.defaults(), DeflateOptions.defaults())) {
            assertThat(pair.server().shouldCompress(DeflateOptions.DEFAULT_THRESHOLD - 1)).isFalse();
            assertThat(pair.server().shouldCompress(DeflateOptions.DEFAULT_THRESHOLD)).isTrue();
        }
        DeflateOptions zero = DeflateOptions.builder().threshold(0).build();
        try (Codecs.Pair pair = Codecs.negotiate(zero, zero)) {
            assertThat(pair.client().shouldCompress(0)).isTrue();
        }
    }
}
