package io.wsstack.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives one started server: opens its connections, runs measured phases on them, and measures the
 * memory of idle connections. The harness decides the order, so that phases of different servers
 * can be interleaved.
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

    Peer peer() {
        return peer;
    }

    ServerProcess server() {
        return server;
    }

    /**
     * Warms the JIT of the server, and of the load generator, with discarded phases of small and
     * large messages in every deflate mode, so that no measured phase pays for compiling a path
     * the first time (the generator's deflate code would otherwise warm up in whichever server's
     * phase came first).
     */
    void warmUp() throws Exception {
        long millis = Math.max(500, (settings.warmupMillis() + settings.measureMillis()) / 4);
        for (boolean deflate : settings.deflateModes()) {
            List<EchoLoop> loops;
            try {
                loops = client.connect(server.echoUri(), 100, deflate);
            } catch (IllegalStateException e) {
                continue; // reported when the measured phases try the same
            }
            try {
                for (int size : new int[] {20, 16 * 1024}) {
                    ByteBuf payload = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(Payloads.text(size)));
                    Phase phase = new Phase(payload, loops.size(), 0, TimeUnit.MILLISECONDS.toNanos(millis));
                    loops.forEach(loop -> loop.start(phase));
                    phase.awaitFinished(10_000);
                }
            } finally {
                LoadClient.close(loops);
            }
        }
    }

    /** Opens {@code connections} connections, with permessage-deflate offered or not. */
    List<EchoLoop> open(boolean deflate, int connections) throws InterruptedException {
        return client.connect(server.echoUri(), connections, deflate);
    }

    /** One warm-up plus measured phase of {@code scenario} on {@code loops}. */
    LoadResult measure(List<EchoLoop> loops, Scenario scenario) throws InterruptedException, IOException {
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
        LoadResult result = new LoadResult(peer, scenario, sorted.length / seconds,
                LatencySamples.percentile(sorted, 50), LatencySamples.percentile(sorted, 99),
                (cpuEnd - cpuStart) / (seconds * 1e9), rss, problems, null);
        log(result);
        return result;
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
        System.out.printf("  %-28s %-22s %10.0f msg/s  p50 %7.0f µs  p99 %7.0f µs  cpu %.2f cores  rss %4d MiB%s%n",
                r.peer().label(), r.scenario().label(), r.messagesPerSecond(), r.p50Nanos() / 1e3,
                r.p99Nanos() / 1e3, r.serverCores(), r.serverRssBytes() >> 20,
                r.problems() > 0 ? "  problems " + r.problems() : "");
    }
}
