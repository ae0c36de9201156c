package io.wsstack.bench.load;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The echo comparison: every scenario on every peer, phases <em>interleaved</em>. Scenarios that
 * share connections (same count, same deflate offer) run on connections opened once per server;
 * within them, every server takes its turn at a scenario before the next scenario starts, and who
 * goes first rotates, so a change in the machine's background load touches all servers alike
 * instead of whichever happened to run at the time. Writes {@code load-throughput.svg} beside the report.
 */
final class EchoComparison implements Measurement {

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String run(HarnessContext context) throws Exception {
        HarnessSettings settings = context.settings();
        List<LoadResult> results = new ArrayList<>();
        List<Scenario> pending = new ArrayList<>(settings.scenarios());
        while (!pending.isEmpty()) {
            Scenario first = pending.get(0);
            List<Scenario> group = pending.stream().filter(first::sameConnections).toList();
            pending.removeAll(group);
            runGroup(context, group, results);
        }
        context.unavailable().forEach((peer, note) ->
                settings.scenarios().forEach(s -> results.add(LoadResult.missing(peer, s, note))));
        List<LoadResult> ordered = inPeerOrder(results, settings.peers());
        Files.writeString(context.out().resolve("load-throughput.svg"),
                ThroughputChart.svg(settings.peers(), settings.scenarios(), ordered));
        return new LoadReport(settings, ordered).markdown();
    }

    private static void runGroup(HarnessContext context, List<Scenario> group, List<LoadResult> results)
            throws Exception {
        Map<PeerRunner, EchoConnections> open = new LinkedHashMap<>();
        try {
            for (PeerRunner runner : context.runners()) {
                try {
                    open.put(runner, runner.open(group.get(0)));
                } catch (IllegalStateException e) {
                    group.forEach(s -> results.add(LoadResult.missing(runner.peer(), s, e.getMessage())));
                    System.out.println("  " + runner.peer().label() + ": " + e.getMessage());
                }
            }
            for (Scenario scenario : group) {
                List<Map.Entry<PeerRunner, EchoConnections>> turns = new ArrayList<>(open.entrySet());
                Collections.rotate(turns, -context.settings().scenarios().indexOf(scenario));
                for (Map.Entry<PeerRunner, EchoConnections> turn : turns) {
                    try {
                        results.add(turn.getKey().measure(turn.getValue(), scenario));
                    } catch (java.io.IOException e) {
                        // The server's /proc entries vanished: it died. Its other phases will fail the same way.
                        results.add(LoadResult.missing(turn.getKey().peer(), scenario, "failed: " + e));
                    }
                }
            }
        } finally {
            open.values().forEach(EchoConnections::close);
        }
    }

    private static List<LoadResult> inPeerOrder(List<LoadResult> results, List<Peer> peers) {
        List<LoadResult> ordered = new ArrayList<>();
        for (Peer peer : peers) {
            results.stream().filter(r -> r.peer() == peer).forEach(ordered::add);
        }
        return ordered;
    }
}
