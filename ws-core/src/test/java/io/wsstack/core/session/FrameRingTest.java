package io.wsstack.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FrameRingTest {

    private static ByteBuffer frame(int id) {
        return ByteBuffer.wrap(new byte[] {(byte) id});
    }

    @Test
    @DisplayName("entries keep their order and fields across wrap-around, growth and removal from the middle")
    void orderAcrossWrapGrowthAndRemoval() {
        FrameRing ring = new FrameRing(2);
        List<Integer> expected = new ArrayList<>();
        int next = 0;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 3 + round; i++) {
                CompletableFuture<Void> f = new CompletableFuture<>();
                ring.addLast(frame(next), next % 2 == 0 ? frame(100 + next) : null, f, next % 3 == 0);
                expected.add(next++);
            }
            ring.removeFirst();
            expected.remove(0);
            ring.removeAt(1);
            expected.remove(1);
        }
        assertThat(ring.size()).isEqualTo(expected.size());
        for (int k = 0; k < ring.size(); k++) {
            int id = expected.get(k);
            assertThat(ring.frameAt(k).get(0)).isEqualTo((byte) id);
            assertThat(ring.payloadAt(k) == null).isEqualTo(id % 2 != 0);
            assertThat(ring.pooledAt(k)).isEqualTo(id % 3 == 0);
            assertThat(ring.completionAt(k)).isInstanceOf(CompletableFuture.class);
        }
        List<CompletableFuture<Void>> sink = new ArrayList<>();
        ring.clear(sink, null);
        assertThat(sink).hasSize(expected.size());
        assertThat(ring.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("an empty ring (never used) answers as empty and clears without allocating its slots")
    void unusedRingIsEmpty() {
        FrameRing ring = new FrameRing(4);
        assertThat(ring.isEmpty()).isTrue();
        ring.clear(new ArrayList<>(), null);
        assertThat(ring.size()).isZero();
        ring.addLast(frame(7), null);
        assertThat(ring.frameAt(0).get(0)).isEqualTo((byte) 7);
    }
}
