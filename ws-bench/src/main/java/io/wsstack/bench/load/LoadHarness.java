package io.wsstack.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load comparison. Every peer's echo server runs in its own JVM, and all of them are started
 * up front; the phases are then <em>interleaved</em>: for each scenario every server takes its turn
 * before the next scenario starts (and who goes first rotates), so a change in the machine's
 * background load touches all servers alike instead of whichever happened to run at the time. The idle-connection phase follows, one
 * server at a time. Finally {@code load.md} (tables with ratios to ours) and
 * {@code load-throughput.svg} are written to the output directory. Settings: {@link HarnessSettings}.
 */
public final class LoadHarness {

    private static final int FIRST_PORT = 9110;

    private LoadHarness() {
    }

    /** Runs the comparison; exits non-zero only when no peer produced a number. */
    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        HarnessSettings settings = HarnessSettings.fromSystemProperties();
        Files.createDirectories(settings.out().resolve("logs"));
        List<Scenario> scenarios = settings.scenarios();
        List<LoadResult> load = new ArrayList<>();
        List<IdleResult> idle = new ArrayList<>();
        long started = System.nanoTime();
        Map<Peer, String> unavailable = new LinkedHashMap<>();
        List<PeerRunner> runners = new ArrayList<>();
        try (LoadClient client = new LoadClient(settings.clientThreads())) {
            startAll(settings, client, runners, unavailable);
            for (boolean deflate : settings.deflateModes()) {
                for (int connections : settings.connectionCounts()) {
                    runGroup(settings, deflate, connections, runners, load);
                }
            }
            if (settings.idleConnections() > 0) {
                for (PeerRunner runner : runners) {
                    idle.add(measureIdle(runner, settings.idleConnections()));
                }
            }
        } finally {
            for (PeerRunner runner : runners) {
                runner.server().close();
            }
        }
        unavailable.forEach((peer, note) -> {
            scenarios.forEach(s -> load.add(LoadResult.missing(peer, s, note)));
            idle.add(IdleResult.missing(peer, settings.idleConnections(), note));
        });
        double minutes = (System.nanoTime() - started) / 60e9;
        LoadReport report = new LoadReport(settings, inPeerOrder(load, settings), inPeerOrder(idle, settings));
        String markdown = report.markdown(minutes);
        Files.writeString(settings.out().resolve("load.md"), markdown);
        Files.writeString(settings.out().resolve("load-throughput.svg"), ThroughputChart.svg(scenarios, load));
        System.out.println();
        System.out.println(markdown);
        if (load.stream().noneMatch(LoadResult::measured)) {
            System.exit(1);
        }
    }

    /** Starts and warms up every available peer; the others are noted with the reason. */
    private static void startAll(HarnessSettings settings, LoadClient client, List<PeerRunner> runners,
                                 Map<Peer, String> unavailable) throws InterruptedException {
        int port = FIRST_PORT;
        for (Peer peer : settings.peers()) {
            port += 10;
            if (!peer.available()) {
                unavailable.put(peer, "not available: " + peer.mainClass() + " is not built");
                System.out.println("== " + peer.label() + ": " + unavailable.get(peer));
                continue;
            }
            Path log = settings.out().resolve("logs").resolve(peer.name().toLowerCase(Locale.ROOT) + ".log");
            ServerProcess server = null;
            try {
                server = ServerProcess.start(peer.mainClass(), port, log);
                PeerRunner runner = new PeerRunner(peer, server, client, settings);
                runners.add(runner);
                System.out.println("== " + peer.label() + ": started (pid " + server.pid() + "), warming up");
                runner.warmUp();
            } catch (Exception e) {
                unavailable.put(peer, "failed to start: " + e);
                System.out.println("== " + peer.label() + ": " + unavailable.get(peer));
                runners.removeIf(r -> r.peer() == peer);
                if (server != null) {
                    server.close();
                }
            }
        }
    }

    /** One deflate setting and connection count: every server's connections open, sizes interleaved. */
    private static void runGroup(HarnessSettings settings, boolean deflate, int connections,
                                 List<PeerRunner> runners, List<LoadResult> load) throws Exception {
        Map<PeerRunner, List<EchoLoop>> open = new LinkedHashMap<>();
        try {
            for (PeerRunner runner : runners) {
                try {
                    open.put(runner, runner.open(deflate, connections));
                } catch (IllegalStateException e) {
                    for (int size : settings.sizes()) {
                        load.add(LoadResult.missing(runner.peer(), new Scenario(deflate, size, connections), e.getMessage()));
                    }
                    System.out.println("  " + runner.peer().label() + ": " + e.getMessage());
                }
            }
            for (int size : settings.sizes()) {
                Scenario scenario = new Scenario(deflate, size, connections);
                // Who goes first rotates with the scenario's number, so no server always runs first.
                List<Map.Entry<PeerRunner, List<EchoLoop>>> turns = new ArrayList<>(open.entrySet());
                java.util.Collections.rotate(turns, -settings.scenarios().indexOf(scenario));
                for (Map.Entry<PeerRunner, List<EchoLoop>> entry : turns) {
                    try {
                        load.add(entry.getKey().measure(entry.getValue(), scenario));
                    } catch (java.io.IOException e) {
                        // The server's /proc entries vanished: it died. Its other phases will fail the same way.
                        load.add(LoadResult.missing(entry.getKey().peer(), scenario, "failed: " + e));
                    }
                }
            }
        } finally {
            open.values().forEach(LoadClient::close);
        }
    }

    private static IdleResult measureIdle(PeerRunner runner, int connections) throws Exception {
        IdleResult result = runner.measureIdle(connections);
        System.out.printf("  %-28s idle %d: %s%n", runner.peer().label(), connections, result.measured()
                ? result.heapBytesPerConnection() + " B heap per connection, RSS " + (result.rssBytesIdle() >> 20) + " MiB"
                : result.note());
        return result;
    }

    private static <T> List<T> inPeerOrder(List<T> results, HarnessSettings settings) {
        List<T> ordered = new ArrayList<>();
        for (Peer peer : settings.peers()) {
            for (T result : results) {
                Peer owner = result instanceof LoadResult l ? l.peer() : ((IdleResult) result).peer();
                if (owner == peer) {
                    ordered.add(result);
                }
            }
        }
        return ordered;
    }
}
