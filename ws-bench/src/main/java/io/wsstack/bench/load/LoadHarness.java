package io.wsstack.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The load comparison: starts each peer's echo server in its own JVM, one after the other, drives
 * it with the Netty load generator through every {@link Scenario} and the idle-connection phase,
 * stops it, and finally writes {@code load.md} (tables with ratios to ours) and
 * {@code load-throughput.svg} into the output directory. Settings: {@link HarnessSettings}.
 */
public final class LoadHarness {

    private static final int FIRST_PORT = 9100;

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
        try (LoadClient client = new LoadClient(settings.clientThreads())) {
            int port = FIRST_PORT;
            for (Peer peer : settings.peers()) {
                port += 10;
                runPeer(peer, port, client, settings, scenarios, load, idle);
            }
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        String markdown = new LoadReport(settings, load, idle).markdown(minutes);
        Files.writeString(settings.out().resolve("load.md"), markdown);
        Files.writeString(settings.out().resolve("load-throughput.svg"), ThroughputChart.svg(scenarios, load));
        System.out.println();
        System.out.println(markdown);
        if (load.stream().noneMatch(LoadResult::measured)) {
            System.exit(1);
        }
    }

    private static void runPeer(Peer peer, int port, LoadClient client, HarnessSettings settings,
                                List<Scenario> scenarios, List<LoadResult> load, List<IdleResult> idle) {
        System.out.println("== " + peer.label());
        if (!peer.available()) {
            String note = "not available: " + peer.mainClass() + " is not built";
            System.out.println("  " + note);
            scenarios.forEach(s -> load.add(LoadResult.missing(peer, s, note)));
            idle.add(IdleResult.missing(peer, settings.idleConnections(), note));
            return;
        }
        Path log = settings.out().resolve("logs").resolve(peer.name().toLowerCase(Locale.ROOT) + ".log");
        try (ServerProcess server = ServerProcess.start(peer.mainClass(), port, log)) {
            PeerRunner runner = new PeerRunner(peer, server, client, settings);
            runner.warmUp();
            load.addAll(runner.runLoad(scenarios));
            if (settings.idleConnections() > 0) {
                IdleResult result = runner.measureIdle(settings.idleConnections());
                idle.add(result);
                System.out.printf("  idle %d: %s%n", settings.idleConnections(), result.measured()
                        ? (result.heapBytesPerConnection() + " B heap per connection, RSS " + (result.rssBytesIdle() >> 20) + " MiB")
                        : result.note());
            }
        } catch (Exception e) {
            String note = "failed: " + e;
            System.out.println("  " + note);
            for (Scenario scenario : scenarios) {
                boolean done = load.stream().anyMatch(r -> r.peer() == peer && r.scenario().equals(scenario));
                if (!done) {
                    load.add(LoadResult.missing(peer, scenario, note));
                }
            }
            if (idle.stream().noneMatch(r -> r.peer() == peer)) {
                idle.add(IdleResult.missing(peer, settings.idleConnections(), note));
            }
        }
    }
}
