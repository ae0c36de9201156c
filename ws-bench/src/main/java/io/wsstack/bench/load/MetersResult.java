package io.wsstack.bench.load;

import java.util.Arrays;
import java.util.List;

/**
 * The meters A/B of one scenario: server CPU per echoed message of ours with every {@code ws.*}
 * meter bound and of the same application without them, one pair per round (the two phases of a
 * round ran back to back), plus the echo checks of all phases, or why it has no numbers.
 *
 * @param onMicros  CPU µs per message with meters, round by round
 * @param offMicros CPU µs per message without meters, round by round (same length)
 */
record MetersResult(Scenario scenario, List<Double> onMicros, List<Double> offMicros, long wrongEchoes,
                    long lostConnections, String note) {

    MetersResult {
        if (onMicros.size() != offMicros.size()) {
            throw new IllegalArgumentException("one 'off' phase per 'on' phase expected");
        }
        onMicros = List.copyOf(onMicros);
        offMicros = List.copyOf(offMicros);
    }

    static MetersResult missing(Scenario scenario, String note) {
        return new MetersResult(scenario, List.of(), List.of(), 0, 0, note);
    }

    boolean measured() {
        return note == null && !onMicros.isEmpty();
    }

    /** On ÷ off of each round: the meters' cost as a factor, measured within seconds of each other. */
    double[] ratios() {
        double[] ratios = new double[onMicros.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = offMicros.get(i) > 0 ? onMicros.get(i) / offMicros.get(i) : Double.NaN;
        }
        return ratios;
    }

    /**
     * The median of the rounds' ratios: one round that a burst of background load hit (on one
     * side only) moves it far less than it moves a mean or a single long phase.
     */
    double medianRatio() {
        return median(ratios());
    }

    double medianOnMicros() {
        return median(onMicros.stream().mapToDouble(Double::doubleValue).toArray());
    }

    double medianOffMicros() {
        return median(offMicros.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The middle value (the mean of the two middle ones for an even count); NaN when empty. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
