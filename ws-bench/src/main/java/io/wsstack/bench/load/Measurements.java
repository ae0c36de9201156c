package io.wsstack.bench.load;

import java.util.List;

/** Every {@link Measurement} the harness knows, in the order they run and appear in the report. */
final class Measurements {

    /** Register a new measurement here; its name becomes valid in {@code -Dbench.measurements}. */
    static final List<Measurement> ALL = List.of(new EchoComparison(), new MetersComparison(), new IdleMemory());

    private Measurements() {
    }

    static List<String> names() {
        return ALL.stream().map(Measurement::name).toList();
    }

    /** The measurements named in {@code names}, in registry order. */
    static List<Measurement> selected(List<String> names) {
        for (String name : names) {
            if (!names().contains(name)) {
                throw new IllegalArgumentException("unknown measurement '" + name + "'; known: " + names());
            }
        }
        return ALL.stream().filter(m -> names.contains(m.name())).toList();
    }
}
