package io.wsstack.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Heap per idle connection: on each server in turn, {@code bench.idleConnections} connections are
 * opened and left silent; the used heap after full GC, after minus before, divided by their number.
 */
final class IdleMemory implements Measurement {

    @Override
    public String name() {
        return "idle";
    }

    @Override
    public String run(HarnessContext context) throws Exception {
        int connections = context.settings().idleConnections();
        if (connections <= 0) {
            return "";
        }
        List<IdleResult> results = new ArrayList<>();
        for (PeerRunner runner : context.runners()) {
            IdleResult result = runner.measureIdle(connections);
            System.out.printf("  %-38s idle %d: %s%n", runner.peer().label(), connections, result.measured()
                    ? result.heapBytesPerConnection() + " B heap per connection, RSS " + (result.rssBytesIdle() >> 20) + " MiB"
                    : result.note());
            results.add(result);
        }
        context.unavailable().forEach((peer, note) -> results.add(IdleResult.missing(peer, connections, note)));
        List<IdleResult> ordered = new ArrayList<>();
        for (Peer peer : context.settings().peers()) {
            results.stream().filter(r -> r.peer() == peer).forEach(ordered::add);
        }
        return IdleReport.markdown(connections, ordered);
    }
}
