package io.wsstack.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs every scenario against one started server: for each deflate setting and connection count
 * it opens the connections once, runs one phase per message size, and closes them; then it
 * measures idle connections.
 */
final class PeerRunner {

    private final Peer peer;
    private final ServerProcess server;
    private final LoadClient client;
    private final HarnessSettings settings;

    PeerRunner(Peer peer, ServerProcess server, LoadClient client, HarnessSettings settings) {
        this.peer = peer;
        this.server = server;
        this.client = client;
        this.settings = settings;
    }

    /** Warms the server's JIT with a discarded phase of small messages. */
    void warmUp() throws Exception {
        List<EchoLoop> loops = client.connect(server.echoUri(), 100, false);
        try {
            runPhase(loops, settings.warmupMillis() + settings.measureMillis(), 0, 20);
        } finally {
            LoadClient.close(loops);
        }
    }

    /** The results of all load scenarios, in the order of {@code scenarios}. */
    List<LoadResult> runLoad(List<Scenario> scenarios) throws Exception {
        List<LoadResult> results = new ArrayList<>();
        for (boolean deflate : settings.deflateModes()) {
            for (int connections : settings.connectionCounts()) {
                List<Scenario> group = scenarios.stream()
                        .filter(s -> s.deflate() == deflate && s.connections() == connections)
                        .toList();
                if (!group.isEmpty()) {
                    results.addAll(runGroup(deflate, connections, group));
                }
            }
        }
        return results;
    }

    private List<LoadResult> runGroup(boolean deflate, int connections, List<Scenario> group) throws Exception {
        List<LoadResult> results = new ArrayList<>();
        List<EchoLoop> loops;
        try {
            loops = client.connect(server.echoUri(), connections, deflate);
        } catch (IllegalStateException e) {
            for (Scenario scenario : group) {
                results.add(LoadResult.missing(peer, scenario, e.getMessage()));
            }
            return results;
        }
        try {
            for (Scenario scenario : group) {
                results.add(measure(loops, scenario));
                log(results.get(results.size() - 1));
            }
        } finally {
            LoadClient.close(loops);
        }
        return results;
    }

    private LoadResult measure(List<EchoLoop> loops, Scenario scenario) throws Exception {
        ByteBuf payload = Unpooled.unreleasableBuffer(
                Unpooled.directBuffer(scenario.messageSize()).writeBytes(Payloads.text(scenario.messageSize())));
        Phase phase = new Phase(payload, loops.size(),
                TimeUnit.MILLISECONDS.toNanos(settings.warmupMillis()),
                TimeUnit.MILLISECONDS.toNanos(settings.measureMillis()));
        for (EchoLoop loop : loops) {
            loop.start(phase);
        }
        sleepUntil(phase.measureStart);
        long cpuStart = server.cpuNanos();
        sleepUntil(phase.measureEnd);
        long cpuEnd = server.cpuNanos();
        long rss = server.rssBytes();
        phase.awaitFinished(10_000);
        List<LatencySamples> parts = new ArrayList<>(loops.size());
        for (EchoLoop loop : loops) {
            parts.add(loop.samples());
        }
        long[] sorted = LatencySamples.mergeSorted(parts);
        double seconds = settings.measureMillis() / 1000.0;
        long problems = phase.wrongEchoes() + phase.lostConnections() + phase.unfinishedConnections();
        return new LoadResult(peer, scenario, sorted.length / seconds,
                LatencySamples.percentile(sorted, 50), LatencySamples.percentile(sorted, 99),
                (cpuEnd - cpuStart) / (seconds * 1e9), rss, problems, null);
    }

    private void runPhase(List<EchoLoop> loops, long millis, long warmupMillis, int size) throws InterruptedException {
        ByteBuf payload = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(Payloads.text(size)));
        Phase phase = new Phase(payload, loops.size(), TimeUnit.MILLISECONDS.toNanos(warmupMillis),
                TimeUnit.MILLISECONDS.toNanos(millis));
        for (EchoLoop loop : loops) {
            loop.start(phase);
        }
        phase.awaitFinished(10_000);
    }

    /** Heap and RSS per connection for {@code count} connections that only stay open. */
    IdleResult measureIdle(int count) throws Exception {
        Thread.sleep(1000); // let the server finish tearing down the load phases' connections
        long heapBefore = server.usedHeapAfterGc();
        List<EchoLoop> loops;
        try {
            loops = client.connect(server.echoUri(), count, false);
        } catch (IllegalStateException e) {
            return IdleResult.missing(peer, count, e.getMessage());
        }
        try {
            Thread.sleep(1000);
            long heapAfter = server.usedHeapAfterGc();
            return new IdleResult(peer, count, (heapAfter - heapBefore) / count, server.rssBytes(), null);
        } finally {
            LoadClient.close(loops);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static void log(LoadResult r) {
        System.out.printf("  %-28s %-22s %10.0f msg/s  p50 %7.0f µs  p99 %7.0f µs  cpu %.2f cores  rss %4d MiB%s%n",
                r.peer().label(), r.scenario().label(), r.messagesPerSecond(), r.p50Nanos() / 1e3,
                r.p99Nanos() / 1e3, r.serverCores(), r.serverRssBytes() >> 20,
                r.problems() > 0 ? "  problems " + r.problems() : "");
    }
}
