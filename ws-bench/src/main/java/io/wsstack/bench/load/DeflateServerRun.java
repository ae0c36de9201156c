package io.wsstack.bench.load;

import io.netty.buffer.ByteBuf;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One configuration of {@link DeflatePresetHarness} against its own server process: CPU per echoed
 * compressed message, then memory per connection, without and with compression, on the same server.
 *
 * <p>The harness runs it on a worker thread and calls {@link #abort()} from its own thread when the
 * configuration overruns its time limit: that stops the server and the load generator, so whatever
 * the worker waits on (a handshake, an echo, the admin port) fails at once, and {@link #stage()} says
 * where it was stuck.
 */
final class DeflateServerRun {

    /** What the harness measures for a configuration and how long each part may take. */
    record Settings(String java, List<String> jvmOptions, String mainClass, List<String> args, Path log,
                    int connections, int memoryConnections, long warmupMillis, long measureMillis, int readySeconds) {
    }

    /**
     * @param cpuMicros           server CPU (user + system) per echoed compressed message
     * @param messagesPerSecond   echoes per second during the measured window
     * @param plainKiB            server RSS + heap growth per connection without compression
     * @param compressedNativeKiB server RSS growth per compressed connection (heap pre-touched: native memory)
     * @param compressedHeapKiB   server heap growth (after GC) per compressed connection
     */
    record Result(double cpuMicros, double messagesPerSecond, double plainKiB, double compressedNativeKiB,
                  double compressedHeapKiB) {

        double compressedKiB() {
            return compressedNativeKiB + compressedHeapKiB;
        }

        /** What compression adds to a connection: its zlib state, the codec objects, their buffers. */
        double deflateKiB() {
            return compressedKiB() - plainKiB;
        }
    }

    private final Settings settings;
    private final List<ByteBuf> variants;
    private volatile String stage = "not started";
    private volatile ServerProcess server;
    private volatile LoadClient client;
    private volatile boolean aborted;

    DeflateServerRun(Settings settings, List<ByteBuf> variants) {
        this.settings = settings;
        this.variants = variants;
    }

    /** Where the run is (or was when it stopped), for a report of a configuration that failed. */
    String stage() {
        return stage;
    }

    Result run() throws Exception {
        stage = "starting the server";
        server = ServerProcess.start(settings.java(), settings.jvmOptions(), settings.mainClass(),
                FreePorts.pair(), settings.log(), settings.args(), settings.readySeconds());
        client = new LoadClient(2, true);
        if (aborted) { // abort() came while the server was starting and found nothing to stop
            stop();
            throw new IllegalStateException("aborted");
        }
        try {
            stage = "opening " + settings.connections() + " compressed connections";
            List<EchoLoop> loops = client.connect(server.echoUri(), settings.connections(), true);
            double[] cpu;
            try {
                stage = "echoing on " + settings.connections() + " compressed connections";
                cpu = echo(loops, settings.warmupMillis(), settings.measureMillis());
            } finally {
                LoadClient.close(loops);
            }
            // The server must have dropped the closed connections before the baseline is taken, or their
            // sessions are freed during the plain phase and make it look cheaper (seen under load).
            Thread.sleep(2000);
            stage = "measuring the heap before the memory phase";
            long heap0 = server.usedHeapAfterGc();
            long rss0 = server.rssBytes();
            // Plain connections first, compressed ones on top, all left open: the difference per
            // connection is what compression costs, since the server's own per-connection objects
            // (sockets, sessions, buffers) are the same in both sets.
            stage = "opening " + settings.memoryConnections() + " plain connections";
            List<EchoLoop> plain = client.connect(server.echoUri(), settings.memoryConnections(), false);
            List<EchoLoop> compressed = List.of();
            try {
                stage = "echoing on the plain connections";
                echo(plain, 0, 1000);
                long heap1 = server.usedHeapAfterGc();
                long rss1 = server.rssBytes();
                stage = "opening " + settings.memoryConnections() + " compressed connections";
                compressed = client.connect(server.echoUri(), settings.memoryConnections(), true);
                stage = "echoing on the compressed connections (the zlib state is allocated at the first message)";
                echo(compressed, 0, 1500);
                long heap2 = server.usedHeapAfterGc();
                long rss2 = server.rssBytes();
                double n = settings.memoryConnections() * 1024.0;
                stage = "done";
                return new Result(cpu[0], cpu[1], ((rss1 - rss0) + (heap1 - heap0)) / n, (rss2 - rss1) / n,
                        (heap2 - heap1) / n);
            } finally {
                LoadClient.close(plain);
                LoadClient.close(compressed);
            }
        } finally {
            stop();
        }
    }

    /** From another thread: stops the server and the load generator, so the worker's waits end now. */
    void abort() {
        aborted = true;
        stop();
    }

    private void stop() {
        LoadClient c = client;
        if (c != null) {
            c.close();
        }
        ServerProcess s = server;
        if (s != null) {
            try {
                s.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * One echo phase, one message in flight per connection, each connection starting at its own
     * message so neighbours do not send the same bytes; returns {server CPU µs per message, messages
     * per second}. Fails when an echo differs, a connection drops, or echoes are still missing 10 s
     * after the end (a server that stopped answering is reported, not waited for).
     */
    private double[] echo(List<EchoLoop> loops, long warmupMillis, long measureMillis) throws Exception {
        Phase phase = new Phase(variants, loops.size(), TimeUnit.MILLISECONDS.toNanos(warmupMillis),
                TimeUnit.MILLISECONDS.toNanos(measureMillis));
        for (int i = 0; i < loops.size(); i++) {
            loops.get(i).start(phase, i);
        }
        sleepUntil(phase.measureStart);
        long cpuStart = server.cpuNanos();
        sleepUntil(phase.measureEnd);
        long cpuEnd = server.cpuNanos();
        boolean finished = phase.awaitFinished(10_000);
        long messages = 0;
        for (EchoLoop loop : loops) {
            messages += loop.samples().size();
        }
        if (phase.wrongEchoes() > 0 || phase.lostConnections() > 0 || !finished) {
            throw new IllegalStateException(phase.wrongEchoes() + " wrong echoes, " + phase.lostConnections()
                    + " connections lost, " + phase.unfinishedConnections() + " still waiting for an echo");
        }
        double perSecond = messages / (measureMillis / 1000.0);
        return new double[] {messages == 0 ? 0 : (cpuEnd - cpuStart) / 1000.0 / messages, perSecond};
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
