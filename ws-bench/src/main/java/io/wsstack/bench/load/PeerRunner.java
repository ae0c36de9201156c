package io.wsstack.bench.load;

import java.io.IOException;
import java.nio.file.Files;
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
            EchoConnections connections;
            try {
                connections = open(scenario);
            } catch (IllegalStateException e) {
                continue; // reported when the measured phase tries the same
            }
            try {
                connections.run(scenario, STRIDE, 0, nanos, EchoConnections.UNMEASURED);
            } catch (IOException e) {
                // reported when the measured phase tries the same
            } finally {
                connections.close();
            }
        }
    }

    /**
     * Opens the connections of {@code scenario}, with permessage-deflate offered or not: through the
     * native generator when the run has one, otherwise through the Netty client.
     */
    EchoConnections open(Scenario scenario) throws InterruptedException, IOException {
        if (settings.nativeClient() != null
                && (!scenario.deflate() || NativeConnections.speaksDeflate(settings.nativeClient()))) {
            // The payload files go beside the servers' logs, which are not published.
            return NativeConnections.open(settings.nativeClient(), server.echoUri(), scenario.connections(),
                    Files.createDirectories(settings.out().resolve("logs")), scenario.deflate());
        }
        return new NettyConnections(client.connect(server.echoUri(), scenario.connections(), scenario.deflate()));
    }

    /** One warm-up plus measured phase of {@code scenario} on {@code connections} (opened by {@link #open}). */
    LoadResult measure(EchoConnections connections, Scenario scenario) throws InterruptedException, IOException {
        return measure(connections, scenario, settings.warmupMillis(), settings.measureMillis());
    }

    /** The same with a warm-up and measured window of its own (the meters measurement's short rounds). */
    LoadResult measure(EchoConnections connections, Scenario scenario, long warmupMillis, long measureMillis)
            throws InterruptedException, IOException {
        long[] cpu = new long[2];
        long[] rss = new long[1];
        EchoConnections.Outcome outcome = connections.run(scenario, STRIDE,
                TimeUnit.MILLISECONDS.toNanos(warmupMillis),
                TimeUnit.MILLISECONDS.toNanos(measureMillis), new EchoConnections.Window() {
                    @Override
                    public void opened() throws IOException {
                        cpu[0] = server.cpuNanos();
                    }

                    @Override
                    public void closed() throws IOException {
                        cpu[1] = server.cpuNanos();
                        rss[0] = server.rssBytes();
                    }
                });
        double seconds = measureMillis / 1000.0;
        LoadResult result = new LoadResult(peer, scenario, outcome.messages() / seconds, outcome.p50Nanos(),
                outcome.p99Nanos(), outcome.p999Nanos(), (cpu[1] - cpu[0]) / (seconds * 1e9), rss[0],
                outcome.wrongEchoes(), outcome.lostConnections(), null);
        log(result);
        return result;
    }

    /** Heap per connection and RSS for {@code count} connections that only stay open. */
    IdleResult measureIdle(int count) throws Exception {
        // One burst of the same shape first (connect all, close all): the caches a server fills
        // while accepting a burst (Tomcat's recycled HTTP processors, pooled buffers, thread-local
        // state) are then in the "before" heap too, so the difference is what an idle connection
        // itself holds, measured the same way on every server.
        List<EchoLoop> warm;
        try {
            warm = client.connect(server.echoUri(), count, false);
        } catch (IllegalStateException e) {
            return IdleResult.missing(peer, count, e.getMessage());
        }
        LoadClient.close(warm);
        long heapBefore = settledHeap();
        classHistogram("before");
        List<EchoLoop> loops;
        try {
            loops = client.connect(server.echoUri(), count, false);
        } catch (IllegalStateException e) {
            return IdleResult.missing(peer, count, e.getMessage());
        }
        try {
            Thread.sleep(1000);
            long heapAfter = server.usedHeapAfterGc();
            classHistogram("idle");
            return new IdleResult(peer, count, (heapAfter - heapBefore) / count, server.rssBytes(), null);
        } finally {
            LoadClient.close(loops);
        }
    }

    /**
     * The used heap once the server has torn down the closed connections: servers take from
     * milliseconds to seconds for thousands of them, and a "before" taken while some still live
     * makes the idle figure too small. Measured every second until it stops falling (by less than
     * 64 KiB, a few connections' worth), 15 s at most.
     */
    private long settledHeap() throws IOException, InterruptedException {
        Thread.sleep(1000);
        long heap = server.usedHeapAfterGc();
        for (int i = 0; i < 14; i++) {
            Thread.sleep(1000);
            long next = server.usedHeapAfterGc();
            boolean settled = heap - next < 64 * 1024;
            heap = Math.min(heap, next);
            if (settled) {
                break;
            }
        }
        return heap;
    }

    /**
     * With {@code -Dbench.idleHistogram=true}, the server's class histogram (live objects, after a
     * full GC) goes to {@code idle-histogram-<peer>-<stage>.txt} beside the results: what an idle
     * connection holds, class by class, when diffed "before" against "idle".
     */
    private void classHistogram(String stage) throws IOException, InterruptedException {
        if (!Boolean.getBoolean("bench.idleHistogram")) {
            return;
        }
        java.nio.file.Path file = settings.out().resolve("idle-histogram-" + peer.cliName() + "-" + stage + ".txt");
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(server.pid()), "GC.class_histogram")
                .redirectErrorStream(true).redirectOutput(file.toFile()).start();
        if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
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
