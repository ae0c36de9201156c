package io.wsstack.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The harness's knobs, read from system properties so that {@code scripts/bench.sh}, a quick run
 * and a one-scenario run differ only in flags:
 * <ul>
 *   <li>{@code bench.peers}: comma-separated {@link Peer} names, e.g. {@code wsstack,netty} (default all)</li>
 *   <li>{@code bench.scenarios}: comma-separated {@link Scenario} specs (default {@value Scenario#DEFAULTS})</li>
 *   <li>{@code bench.measurements}: which {@link Measurement}s run, e.g. {@code echo} (default all registered)</li>
 *   <li>{@code bench.serverWarmupMillis}: discarded traffic per scenario when a server has just started (default 1500)</li>
 *   <li>{@code bench.warmupMillis} / {@code bench.measureMillis}: each phase's warm-up and measured
 *       window (default 3000 / 6000)</li>
 *   <li>{@code bench.idleConnections}: connections of the idle-memory measurement (default 2000)</li>
 *   <li>{@code bench.meters.rounds} / {@code bench.meters.scenarioWarmupMillis} / {@code bench.meters.warmupMillis} / {@code bench.meters.measureMillis}:
 *       the meters measurement's alternating rounds per scenario and each phase's windows (default
 *       15 / 3000 / 1000 / 4000; read by {@link MetersComparison}), and {@code bench.meters.together}
 *       (default false) to run a round's two phases at the same time instead of one after the other</li>
 *   <li>{@code bench.clientThreads}: event loop threads of the load generator (default 2)</li>
 *   <li>{@code bench.serverJvmOptions}: extra JVM options for every server, space-separated, for
 *       profiling (e.g. {@code -XX:StartFlightRecording=filename=/tmp/jfr/,settings=profile}); read
 *       by {@code ServerProcess}</li>
 *   <li>{@code bench.nativeClient}: path of the native load generator {@code wsload}; when set it
 *       drives every scenario without compression (the Netty client drives the others and the idle
 *       connections)</li>
 *   <li>{@code bench.out}: directory for {@code load.md}, the chart and the server logs</li>
 * </ul>
 */
record HarnessSettings(List<Peer> peers, List<Scenario> scenarios, List<String> measurements,
                       long serverWarmupMillis, long warmupMillis, long measureMillis,
                       int idleConnections, int clientThreads, Path nativeClient, Path out) {

    static HarnessSettings fromSystemProperties() {
        List<Peer> peers = csv(System.getProperty("bench.peers", Peer.ALL)).stream().map(Peer::byCliName).toList();
        return new HarnessSettings(peers,
                Scenario.parseList(System.getProperty("bench.scenarios", Scenario.DEFAULTS)),
                csv(System.getProperty("bench.measurements", String.join(",", Measurements.names()))),
                Long.getLong("bench.serverWarmupMillis", 1500),
                Long.getLong("bench.warmupMillis", 3000),
                Long.getLong("bench.measureMillis", 6000),
                Integer.getInteger("bench.idleConnections", 2000),
                Integer.getInteger("bench.clientThreads", 2),
                nativeClient(System.getProperty("bench.nativeClient", "")),
                Path.of(System.getProperty("bench.out", "benchmarks")));
    }

    private static Path nativeClient(String path) {
        return path.isBlank() || !Files.isExecutable(Path.of(path)) ? null : Path.of(path);
    }

    private static List<String> csv(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
