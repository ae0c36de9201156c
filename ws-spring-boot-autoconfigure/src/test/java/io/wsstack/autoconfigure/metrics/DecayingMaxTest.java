package io.wsstack.autoconfigure.metrics;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class DecayingMaxTest {

    private static final long STEP = 40;

    private final AtomicLong now = new AtomicLong(1_000);
    /** A window of 120 in three steps of 40, as a Timer's max (two minutes in three steps), scaled down. */
    private final DecayingMax max = new DecayingMax(now::get, 3 * STEP, 3);

    @Test
    @DisplayName("the largest value recorded is read back, a smaller one later does not lower it")
    void keepsTheLargest() {
        max.record(7, now.get());
        max.record(3, now.get() + 1);
        assertThat(max.poll()).isEqualTo(7);
    }

    @Test
    @DisplayName("a value is remembered for at least the window and forgotten one step after it")
    void forgetsAfterTheWindow() {
        max.record(9, now.get());
        now.addAndGet(3 * STEP - 1);
        assertThat(max.poll()).as("within the window").isEqualTo(9);
        now.addAndGet(STEP + 1);
        assertThat(max.poll()).as("a step past the window").isZero();
    }

    @Test
    @DisplayName("a newer value outlives an older larger one: each bucket forgets on its own turn")
    void newerValueOutlivesOlderOne() {
        max.record(50, now.get());
        now.addAndGet(STEP);
        max.record(20, now.get());
        now.addAndGet(2 * STEP);
        assertThat(max.poll()).as("50 is a window old").isEqualTo(20);
        now.addAndGet(STEP);
        assertThat(max.poll()).isZero();
    }

    @Test
    @DisplayName("the rotation takes its time from records too (no clock read of its own), and a late reading of another thread changes nothing")
    void recordsRotateWithTheirOwnTime() {
        max.record(50, now.get());
        max.record(10, now.get() + 3 * STEP);
        max.record(5, now.get() + STEP);
        assertThat(max.poll()).isEqualTo(10);
    }

    @Test
    @DisplayName("after a long silence every bucket is cleared at once")
    void longSilenceClearsAll() {
        max.record(50, now.get());
        now.addAndGet(100 * STEP);
        assertThat(max.poll()).isZero();
        max.record(4, now.get());
        assertThat(max.poll()).isEqualTo(4);
    }
}
