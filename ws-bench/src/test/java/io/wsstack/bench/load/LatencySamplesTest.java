package io.wsstack.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LatencySamplesTest {

    @Test
    @DisplayName("samples of several connections merge into one sorted array")
    void mergesSorted() {
        LatencySamples a = new LatencySamples();
        LatencySamples b = new LatencySamples();
        for (long v : new long[] {5, 1, 9}) {
            a.add(v);
        }
        for (int i = 0; i < 1000; i++) {
            b.add(1000 + i); // grows past the initial capacity
        }
        long[] all = LatencySamples.mergeSorted(List.of(a, b));
        assertThat(all).hasSize(1003).startsWith(1, 5, 9, 1000).endsWith(1999);
    }

    @Test
    @DisplayName("nearest-rank percentiles: p50 of 1..100 is 50, p99 is 99, p100 is 100")
    void nearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertThat(LatencySamples.percentile(sorted, 50)).isEqualTo(50);
        assertThat(LatencySamples.percentile(sorted, 99)).isEqualTo(99);
        assertThat(LatencySamples.percentile(sorted, 100)).isEqualTo(100);
        assertThat(LatencySamples.percentile(new long[0], 99)).isZero();
    }

    @Test
    @DisplayName("clearing forgets the previous phase's samples")
    void clear() {
        LatencySamples samples = new LatencySamples();
        samples.add(7);
        samples.clear();
        assertThat(samples.size()).isZero();
    }
}
