package io.wsstack.bench.report;

import java.util.Map;

/**
 * Which JDK method is "the limit" for each of our benchmark methods; a ratio of 1.00 means we
 * match the best the JDK offers for the same work, 2.00 that we take twice as long.
 */
final class Baselines {

    /** {@code Class.method} of ours → method of the same class, run with the same parameters. */
    private static final Map<String, String> LIMITS = Map.of(
            "MaskingBenchmark.mask", "jdkCopy",
            "FrameDecodeBenchmark.decode", "jdkCopy",
            "FrameDecodeBenchmark.connectionReceive", "jdkCopy",
            "FrameEncodeBenchmark.encode", "jdkCopy",
            "Utf8Benchmark.validate", "jdkNewString",
            "Utf8Benchmark.jdkCharsetDecoder", "jdkNewString",
            "DeflateBenchmark.dedicated", "jdkContextTakeover",
            "DeflateBenchmark.shared", "jdkNoContextTakeover");

    private Baselines() {
    }

    /** The limit method for {@code result}, or null when it is itself a limit. */
    static String limitOf(JmhResult result) {
        return LIMITS.get(result.benchmarkClass() + "." + result.method());
    }
}
