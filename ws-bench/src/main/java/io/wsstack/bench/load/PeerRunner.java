package io.wsstack.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives one started server: opens its connections, runs phases on them, and measures the memory
 * of idle connections. Measurements decide the order, so that phases of different servers can be
 * interleaved.
 */
final class PeerRunner {

    /** Connection {@code i} starts its walk through the messages at {@code i × STRIDE}. */
    private static final int STRIDE = 13;

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

    Peer peer() {
        return peer;
    }

    ServerProcess server() {
        return server;
    }

    /**
     * Warms the JIT of the freshly started server, and of the load generator, with a discarded
     * stretch of every scenario, so that no measured phase pays for compiling a path the first time
     * (the generator's own deflate code would otherwise warm up in whichever server ran first).
     */
    void warmUp() throws Exception {
        long nanos = TimeUnit.MILLISECONDS.toNanos(settings.serverWarmupMillis());
        if (nanos <= 0) {
            return;
        }
        for (Scenario scenario : settings.scenarios()) {
            List<EchoLoop> loops;
            try {
                loops = open(scenario);
            } catch (IllegalStateException e) {
                continue; // reported when the measured phase tries the same
            }
            try {
                run(loops, scenario, 0, nanos).awaitFinished(10_000);
            } finally {
                LoadClient.close(loops);
            }
        }
    }

    /** Opens the connections of {@code scenario}, with permessage-deflate offered or not. */
    List<EchoLoop> open(Scenario scenario) throws InterruptedException {
        return client.connect(server.echoUri(), scenario.connections(), scenario.deflate());
    }

    /** One warm-up plus measured phase of {@code scenario} on {@code loops} (opened by {@link #open}). */
    LoadResult measure(List<EchoLoop> loops, Scenario scenario) throws InterruptedException, IOException {
        Phase phase = run(loops, scenario, TimeUnit.MILLISECONDS.toNanos(settings.warmupMillis()),
                TimeUnit.MILLISECONDS.toNanos(settings.measureMillis()));
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
        LoadResult result = new LoadResult(peer, scenario, sorted.length / seconds,
                LatencySamples.percentile(sorted, 50), LatencySamples.percentile(sorted, 99),
                LatencySamples.percentile(sorted, 99.9), (cpuEnd - cpuStart) / (seconds * 1e9), rss,
                phase.wrongEchoes(), phase.lostConnections() + phase.unfinishedConnections(), null);
        log(result);
        return result;
    }

    private static Phase run(List<EchoLoop> loops, Scenario scenario, long warmupNanos, long measureNanos) {
        Phase phase = new Phase(PayloadSet.of(scenario.messageSize()), scenario.inFlight(), loops.size(),
                warmupNanos, measureNanos);
        for (int i = 0; i < loops.size(); i++) {
            loops.get(i).start(phase, i * STRIDE);
        }
        return phase;
    }

    /** Heap per connection and RSS for {@code count} connections that only stay open. */
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
        System.out.printf("  %-38s %-32s %9.0f msg/s  p50 %6.0f µs  p99 %7.0f µs  cpu %6.1f µs/msg%s%n",
                r.peer().label(), r.scenario().label(), r.messagesPerSecond(), r.p50Nanos() / 1e3,
                r.p99Nanos() / 1e3, r.serverCpuMicrosPerMessage(),
                r.wrongEchoes() + r.lostConnections() > 0
                        ? "  WRONG " + r.wrongEchoes() + " LOST " + r.lostConnections() : "");
    }
}
