package io.wsstack.bench.load;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The harness's knobs, read from system properties so that {@code scripts/bench.sh} and a quick
 * smoke run differ only in flags:
 * <ul>
 *   <li>{@code bench.peers}: comma-separated {@link Peer} names (default all)</li>
 *   <li>{@code bench.sizes}: message sizes in bytes (default {@code 20,16384})</li>
 *   <li>{@code bench.connections}: connection counts (default {@code 100,1000})</li>
 *   <li>{@code bench.deflate}: {@code both}, {@code off} or {@code on} (default both)</li>
 *   <li>{@code bench.warmupMillis} / {@code bench.measureMillis}: per phase (default 1500 / 5000)</li>
 *   <li>{@code bench.idleConnections}: connections of the idle-memory phase (default 10000; 0 skips)</li>
 *   <li>{@code bench.clientThreads}: event loop threads of the load generator (default 2)</li>
 *   <li>{@code bench.out}: directory for {@code load.md}, the chart and the server logs</li>
 * </ul>
 */
record HarnessSettings(List<Peer> peers, int[] sizes, int[] connectionCounts, boolean[] deflateModes,
                       long warmupMillis, long measureMillis, int idleConnections, int clientThreads, Path out) {

    static HarnessSettings fromSystemProperties() {
        List<Peer> peers = Arrays.stream(System.getProperty("bench.peers", "wsstack,wsstack_netty,spring,jetty,netty").split(","))
                .map(name -> Peer.valueOf(name.trim().toUpperCase(Locale.ROOT)))
                .toList();
        String deflate = System.getProperty("bench.deflate", "both");
        boolean[] modes = switch (deflate) {
            case "off" -> new boolean[] {false};
            case "on" -> new boolean[] {true};
            default -> new boolean[] {false, true};
        };
        return new HarnessSettings(peers,
                ints(System.getProperty("bench.sizes", "20,16384")),
                ints(System.getProperty("bench.connections", "100,1000")),
                modes,
                Long.getLong("bench.warmupMillis", 1500),
                Long.getLong("bench.measureMillis", 5000),
                Integer.getInteger("bench.idleConnections", 10_000),
                Integer.getInteger("bench.clientThreads", 2),
                Path.of(System.getProperty("bench.out", "benchmarks")));
    }

    /** Every combination, grouped by deflate, then connections, then size. */
    List<Scenario> scenarios() {
        List<Scenario> all = new java.util.ArrayList<>();
        for (boolean deflate : deflateModes) {
            for (int connections : connectionCounts) {
                for (int size : sizes) {
                    all.add(new Scenario(deflate, size, connections));
                }
            }
        }
        return all;
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }
}
