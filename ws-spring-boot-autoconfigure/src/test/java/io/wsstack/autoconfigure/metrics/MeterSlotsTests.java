package io.wsstack.autoconfigure.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class MeterSlotsTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger built = new AtomicInteger();
    private final MeterSlots<Counter> slots = new MeterSlots<>(3, index -> {
        built.incrementAndGet();
        return Counter.builder("ws.test").tag("slot", Integer.toString(index)).register(registry);
    });

    @Test
    @DisplayName("a slot's meter is built on first use only; later uses never reach the registry")
    void meterIsBuiltOnce() {
        Counter first = slots.get(1);
        for (int i = 0; i < 100; i++) {
            slots.get(1).increment();
        }

        assertThat(built).hasValue(1);
        assertThat(slots.get(1)).isSameAs(first);
        assertThat(registry.get("ws.test").tag("slot", "1").counter().count()).isEqualTo(100.0);
    }

    @Test
    @DisplayName("slots never used register nothing, so unused tag values add no series")
    void unusedSlotsRegisterNothing() {
        slots.get(0);

        assertThat(built).hasValue(1);
        assertThat(registry.getMeters()).hasSize(1);
    }
}
