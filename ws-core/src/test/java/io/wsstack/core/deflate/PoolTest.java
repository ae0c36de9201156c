package io.wsstack.core.deflate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The bounded pools of shared mode (bad input #19: nothing beyond the cap survives, all ended on close). */
class PoolTest {

    @Test
    @DisplayName("bad input #19: a pool keeps at most its capacity and ends the instances that do not fit")
    void capacityBoundsIdleInstances() {
        long live = DeflateResources.liveDeflaters();
        try (DeflaterPool pool = new DeflaterPool(Deflater.DEFAULT_COMPRESSION, 2)) {
            List<RawDeflater> taken = List.of(pool.acquire(), pool.acquire(), pool.acquire());
            assertThat(DeflateResources.liveDeflaters() - live).isEqualTo(3);
            taken.forEach(pool::release);
            assertThat(pool.idleCount()).isEqualTo(2);
            assertThat(DeflateResources.liveDeflaters() - live).isEqualTo(2);
            RawDeflater again = pool.acquire();
            assertThat(taken).contains(again);
            pool.release(again);
        }
        assertThat(DeflateResources.liveDeflaters()).isEqualTo(live);
    }

    @Test
    @DisplayName("bad input #19: a released instance comes back reset, with no context of the previous message")
    void releasedInstancesAreReset() throws Exception {
        try (InflaterPool pool = new InflaterPool(1)) {
            RawInflater inflater = pool.acquire();
            // A complete final block ("Hello" compressed, BFINAL set) leaves the inflater finished.
            byte[] hello = {(byte) 0xf3, 0x48, (byte) 0xcd, (byte) 0xc9, (byte) 0xc9, 0x07, 0x00};
            inflater.inflate(ByteBuffer.wrap(hello), new byte[16], 0, 16);
            assertThat(inflater.finished()).isTrue();
            pool.release(inflater);
            RawInflater reused = pool.acquire();
            assertThat(reused).isSameAs(inflater);
            assertThat(reused.finished()).isFalse();
            byte[] out = new byte[16];
            assertThat(reused.inflate(ByteBuffer.wrap(hello), out, 0, 16)).isEqualTo(5);
            pool.release(reused);
        }
    }

    @Test
    @DisplayName("bad input #19: after close a pool ends what is released to it")
    void releaseAfterCloseEnds() {
        long live = DeflateResources.liveInflaters();
        InflaterPool pool = new InflaterPool(4);
        RawInflater held = pool.acquire();
        pool.close();
        pool.release(held);
        assertThat(pool.idleCount()).isZero();
        assertThat(DeflateResources.liveInflaters()).isEqualTo(live);
        pool.close();
    }

    @Test
    @DisplayName("bad input #19: a capacity-0 pool creates on acquire and ends on release (dedicated mode)")
    void zeroCapacity() {
        long live = DeflateResources.liveDeflaters();
        try (DeflaterPool pool = new DeflaterPool(1, 0)) {
            RawDeflater d = pool.acquire();
            assertThat(DeflateResources.liveDeflaters() - live).isEqualTo(1);
            pool.release(d);
            assertThat(DeflateResources.liveDeflaters()).isEqualTo(live);
        }
    }

    @Test
    @DisplayName("bad input #30: concurrent borrowers never leave more than the capacity idle, and close ends everything")
    void concurrentUse() throws Exception {
        long live = DeflateResources.liveDeflaters();
        DeflaterPool pool = new DeflaterPool(Deflater.BEST_SPEED, 3);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(executor.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        RawDeflater d = pool.acquire();
                        d.deflate(ByteBuffer.wrap(new byte[] {1, 2, 3}), new byte[32], 0, 32);
                        pool.release(d);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            executor.shutdown();
        }
        assertThat(pool.idleCount()).isLessThanOrEqualTo(3);
        assertThat(DeflateResources.liveDeflaters() - live).isEqualTo(pool.idleCount());
        pool.close();
        assertThat(DeflateResources.liveDeflaters()).isEqualTo(live);
    }
}
