package io.wsstack.bench.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * One row of JMH's JSON output ({@code -rf json}): which benchmark method ran with which
 * parameters, and its average time per operation.
 *
 * @param benchmarkClass simple name of the class, e.g. {@code MaskingBenchmark}
 * @param method         the benchmark method, e.g. {@code mask}
 * @param params         the {@code @Param} values, sorted by name
 * @param nanos          the score in ns/op
 * @param error          the 99.9% confidence half-width, or NaN with too few iterations
 * @param bytesPerOp     heap bytes allocated per operation ({@code -prof gc}'s {@code gc.alloc.rate.norm}), or NaN
 */
public record JmhResult(String benchmarkClass, String method, Map<String, String> params, double nanos, double error,
                        double bytesPerOp) {

    /** Builds a result from JMH's fully qualified benchmark name ({@code pkg.Class.method}). */
    public static JmhResult of(String qualifiedName, Map<String, String> params, double nanos, double error,
                               double bytesPerOp) {
        int lastDot = qualifiedName.lastIndexOf('.');
        String owner = qualifiedName.substring(0, lastDot);
        return new JmhResult(owner.substring(owner.lastIndexOf('.') + 1), qualifiedName.substring(lastDot + 1),
                new TreeMap<>(params), nanos, error, bytesPerOp);
    }

    /** The parameters as {@code name=value} pairs, e.g. {@code masked=true, size=1024}. */
    public String paramsLabel() {
        StringBuilder label = new StringBuilder();
        params.forEach((name, value) -> label.append(label.length() == 0 ? "" : ", ").append(name).append('=').append(value));
        return label.toString();
    }

    /** Bytes per second through the operation when a {@code size} parameter says how many bytes it handles. */
    public double megabytesPerSecond() {
        String size = params.get("size");
        return size == null || nanos <= 0 ? Double.NaN : Integer.parseInt(size) / nanos * 1e3;
    }
}
