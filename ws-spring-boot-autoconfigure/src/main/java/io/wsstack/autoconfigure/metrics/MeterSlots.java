package io.wsstack.autoconfigure.metrics;

import io.micrometer.core.instrument.Meter;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * A fixed number of meters of one name that differ by one tag, built on first use and then read
 * with a single array access, so the hot path never asks the registry to look a meter up.
 *
 * <p>Two threads may build the same meter at once; the registry hands both the same instance, so
 * whichever is stored is correct.
 *
 * @param <M> the meter type
 */
final class MeterSlots<M extends Meter> {

    private final AtomicReferenceArray<M> meters;
    private final IntFunction<M> factory;

    MeterSlots(int size, IntFunction<M> factory) {
        this.meters = new AtomicReferenceArray<>(size);
        this.factory = factory;
    }

    /** The meter for this tag index, registered with the registry the first time. */
    M get(int index) {
        M meter = meters.get(index);
        if (meter == null) {
            meter = factory.apply(index);
            meters.set(index, meter);
        }
        return meter;
    }
}
