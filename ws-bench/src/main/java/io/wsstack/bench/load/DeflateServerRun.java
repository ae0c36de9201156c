package io.wsstack.bench.load;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

    /**
     * What the harness measures for a configuration and how long each part may take. {@code nativeClient}
     * is the {@code wsload} binary that drives the connections (built with zlib), or null for Netty's client.
     * The CPU phase warms up for at least {@code warmupMillis} and at most {@code maxWarmupMillis}, until
     * the JIT is done (see {@link #JIT_DONE_SHARE}), then measures {@code rounds} windows of
     * {@code measureMillis} and reports the median one. The memory phase opens {@code memoryConnections}
     * plain, then as many compressed connections, each set in {@code memoryBatches} batches.
     */
    record Settings(String java, List<String> jvmOptions, String mainClass, List<String> args, Path log,
                    int connections, int memoryConnections, int memoryBatches, long warmupMillis,
                    long maxWarmupMillis, long measureMillis, int rounds, int readySeconds, Path nativeClient) {
    }

    /**
     * The warm-up ends once a one-second slice spends less than this share of the server's CPU in the
     * JIT compilers: from then on what is measured is the compiled server, not its compilation.
     */
    static final double JIT_DONE_SHARE = 0.03;

    /**
     * @param cpu                 server CPU per echoed compressed message, split by thread group
     * @param messagesPerSecond   echoes per second during the measured window
     * @param plainKiB            server RSS + heap growth per connection without compression (median batch)
     * @param compressedNativeKiB server RSS growth per compressed connection (heap pre-touched: native memory),
     *                            in the compressed batch whose total growth is the median
     * @param compressedHeapKiB   server heap growth (after GC) per compressed connection, same batch
     * @param wire                the CPU phase's echoes on the wire (null when Netty's client drove it)
     * @param plainBatchesKiB     each plain batch's growth per connection (the median one is {@code plainKiB})
     * @param compressedBatchesKiB each compressed batch's growth per connection (native + heap)
     */
    record Result(Echoed cpu, double messagesPerSecond, double plainKiB, double compressedNativeKiB,
                  double compressedHeapKiB, EchoConnections.Wire wire, double[] plainBatchesKiB,
                  double[] compressedBatchesKiB) {

        /** Server CPU (user + system, all threads) per echoed compressed message. */
        double cpuMicros() {
            return cpu.cpuMicros();
        }

        double compressedKiB() {
            return compressedNativeKiB + compressedHeapKiB;
        }

        /** What compression adds to a connection: its zlib state, the codec objects, their buffers. */
        double deflateKiB() {
            return compressedKiB() - plainKiB;
        }
    }

    /**
     * One measured echo window: server CPU per message (all threads, and the application's, the JIT's
     * and the GC's part of it, and the handler threads' part of the application's, see
     * {@link JvmThreadCpu}), messages per second, the echoes on the wire, how long the warm-up before it
     * lasted, and the spread of the rounds it is the median of.
     */
    record Echoed(double cpuMicros, double applicationMicros, double jitMicros, double gcMicros,
                  double handlerThreadMicros, double messagesPerSecond, EchoConnections.Wire wire,
                  double warmupSeconds, double minCpuMicros, double maxCpuMicros) {
    }

    private final Settings settings;
    private final PayloadSet messages;
    private final List<EchoConnections> opened = new CopyOnWriteArrayList<>();
    private volatile String stage = "not started";
    private volatile ServerProcess server;
    private volatile LoadClient client;
    private volatile boolean aborted;

    DeflateServerRun(Settings settings, List<ByteBuf> variants) {
        this.settings = settings;
        this.messages = variants.isEmpty() ? null : PayloadSet.of(variants);
    }

    /** Where the run is (or was when it stopped), for a report of a configuration that failed. */
    String stage() {
        return stage;
    }

    Result run() throws Exception {
        startServer();
        try {
            EchoConnections load = openCpuConnections();
            Echoed cpu;
            try {
                cpu = warmAndMeasure(load);
            } finally {
                load.close();
            }
            // The server must have dropped the closed connections before the baseline is taken, or their
            // sessions are freed during the plain phase and make it look cheaper (seen under load).
            Thread.sleep(2000);
            // The server's bounded caches of per-connection objects (Tomcat's processors and channels,
            // pooled buffers) grow with the largest number of connections seen, up to their caps: fill them
            // once with as many plain connections as a set has, so that the batches measure connections and
            // not the caches (without this the first plain batches read 25-45 KiB per connection, the rest 5).
            stage = "priming the server with " + settings.memoryConnections() + " plain connections";
            EchoConnections priming = open(settings.memoryConnections(), false);
            try {
                echo(priming, 0, 500);
            } finally {
                priming.close();
            }
            Thread.sleep(2000);
            stage = "measuring the heap before the memory phase";
            // Plain connections first, compressed ones on top, all left open: the difference per
            // connection is what compression costs, since the server's own per-connection objects
            // (sockets, sessions, buffers) are the same in both sets. Each set is opened in batches and
            // the median batch's growth is taken: one-off growth (a malloc arena, the GC's remembered
            // sets, code cache) lands in one batch and no longer passes for a per-connection cost.
            Footprint before = footprint();
            Growth plain = grow(before, false);
            Growth compressed = grow(plain.end(), true);
            stage = "done";
            return new Result(cpu, cpu.messagesPerSecond(), plain.medianKiB(), compressed.medianNativeKiB(),
                    compressed.medianHeapKiB(), cpu.wire(), plain.batchKiB(), compressed.batchKiB());
        } finally {
            stop();
        }
    }

    /** Starts this configuration's server (and Netty's client when there is no {@code wsload}). */
    void startServer() throws Exception {
        stage = "starting the server";
        server = ServerProcess.start(settings.java(), settings.jvmOptions(), settings.mainClass(),
                FreePorts.pair(), settings.log(), settings.args(), settings.readySeconds());
        if (settings.nativeClient() == null) {
            client = new LoadClient(2, true);
        }
        if (aborted) { // abort() came while the server was starting and found nothing to stop
            stop();
            throw new IllegalStateException("aborted");
        }
    }

    /** The CPU phase's compressed connections, {@code settings.connections()} of them. */
    EchoConnections openCpuConnections() throws InterruptedException, IOException {
        stage = "opening " + settings.connections() + " compressed connections";
        EchoConnections load = open(settings.connections(), true);
        stage = "echoing on " + settings.connections() + " compressed connections";
        return load;
    }

    /** The server's resident memory and its used heap after full GCs, at one moment. */
    private record Footprint(long rss, long heap) {
    }

    private Footprint footprint() throws IOException {
        long heap = server.usedHeapAfterGc();
        return new Footprint(server.rssBytes(), heap);
    }

    /**
     * Per-connection growth of one set of connections opened in {@code settings.memoryBatches()} batches,
     * each batch echoed on once and left open: every batch's native (RSS) and heap growth per connection,
     * and the batch whose total is the median. {@code end} is the footprint after the last batch. The
     * batches' connections stay open until the run stops the server, which closes every connection opened.
     */
    private record Growth(double[] nativeKiB, double[] heapKiB, int median, Footprint end) {

        double medianNativeKiB() {
            return nativeKiB[median];
        }

        double medianHeapKiB() {
            return heapKiB[median];
        }

        double medianKiB() {
            return nativeKiB[median] + heapKiB[median];
        }

        /** Each batch's total per connection, in the order opened. */
        double[] batchKiB() {
            double[] totals = new double[nativeKiB.length];
            for (int i = 0; i < totals.length; i++) {
                totals[i] = nativeKiB[i] + heapKiB[i];
            }
            return totals;
        }
    }

    private Growth grow(Footprint start, boolean deflate) throws Exception {
        int batches = Math.max(1, settings.memoryBatches());
        int perBatch = Math.max(1, settings.memoryConnections() / batches);
        double[] nativeKiB = new double[batches];
        double[] heapKiB = new double[batches];
        Footprint before = start;
        String kind = deflate ? "compressed" : "plain";
        for (int batch = 0; batch < batches; batch++) {
            stage = "opening " + perBatch + " " + kind + " connections (batch " + (batch + 1) + " of " + batches + ")";
            EchoConnections connections = open(perBatch, deflate);
            stage = "echoing on the " + kind + " connections of batch " + (batch + 1)
                    + (deflate ? " (the zlib state is allocated at the first message)" : "");
            echo(connections, 0, deflate ? 1500 : 1000);
            Footprint after = footprint();
            nativeKiB[batch] = (after.rss() - before.rss()) / (perBatch * 1024.0);
            heapKiB[batch] = (after.heap() - before.heap()) / (perBatch * 1024.0);
            before = after;
        }
        Integer[] order = new Integer[batches];
        for (int i = 0; i < batches; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> nativeKiB[i] + heapKiB[i]));
        return new Growth(nativeKiB, heapKiB, order[(batches - 1) / 2], before);
    }

    /**
     * {@code count} connections to the server, offering permessage-deflate or not: one {@code wsload}
     * process for them all, or Netty's client. Each fails when the server declines compression.
     */
    private EchoConnections open(int count, boolean deflate) throws InterruptedException, IOException {
        EchoConnections connections = settings.nativeClient() != null
                ? NativeConnections.open(settings.nativeClient(), server.echoUri(), count,
                        settings.log().toAbsolutePath().getParent(), deflate)
                : new NettyConnections(client.connect(server.echoUri(), count, deflate));
        opened.add(connections);
        return connections;
    }
    /** From another thread: stops the server and the load generator, so the worker's waits end now. */
    void abort() {
        aborted = true;
        stop();
    }

    private void stop() {
        for (EchoConnections connections : opened) {
            connections.close();
        }
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
     * The CPU phase: warms up in one-second slices until the JIT is done (at least
     * {@code warmupMillis}, at most {@code maxWarmupMillis}), then measures {@code rounds} windows and
     * returns the median one by CPU per message, with the fastest and slowest beside it.
     */
    private Echoed warmAndMeasure(EchoConnections connections) throws Exception {
        double warmupSeconds = warmUp(connections);
        startProfiler();
        List<Echoed> rounds = new ArrayList<>();
        for (int round = 0; round < Math.max(1, settings.rounds()); round++) {
            rounds.add(echo(connections, 0, settings.measureMillis()));
        }
        rounds.sort(Comparator.comparingDouble(Echoed::cpuMicros));
        Echoed median = rounds.get(rounds.size() / 2);
        return new Echoed(median.cpuMicros(), median.applicationMicros(), median.jitMicros(), median.gcMicros(),
                median.handlerThreadMicros(), median.messagesPerSecond(), median.wire(), warmupSeconds, rounds.get(0).cpuMicros(),
                rounds.get(rounds.size() - 1).cpuMicros());
    }

    /**
     * Echoes in one-second slices until the JIT is done (at least {@code warmupMillis}, at most
     * {@code maxWarmupMillis}); returns how long that took, in seconds.
     */
    double warmUp(EchoConnections connections) throws Exception {
        long started = System.nanoTime();
        long minEnd = started + TimeUnit.MILLISECONDS.toNanos(settings.warmupMillis());
        long maxEnd = started + TimeUnit.MILLISECONDS.toNanos(Math.max(settings.warmupMillis(),
                settings.maxWarmupMillis()));
        while (true) {
            Echoed slice = echo(connections, 0, 1000);
            long now = System.nanoTime();
            boolean jitDone = slice.jitMicros() <= JIT_DONE_SHARE * slice.cpuMicros();
            if (now >= maxEnd || (now >= minEnd && jitDone)) {
                break;
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /**
     * For profiling by hand only: {@code -Dbench.deflate.profileScript=/path/to/script} runs that
     * script with the server's pid when the measured rounds begin (e.g. {@code perf record -p "$1"
     * -- sleep 5} and {@code jcmd "$1" Compiler.perfmap}), so a profile shows the warm server, not its
     * start or its memory phase. Never set in published runs.
     */
    private void startProfiler() throws IOException {
        String script = System.getProperty("bench.deflate.profileScript", "");
        if (!script.isBlank()) {
            new ProcessBuilder(script, Long.toString(server.pid())).inheritIO().start();
        }
    }

    /**
     * One echo phase, one message in flight per connection, each connection starting at its own
     * message so neighbours do not send the same bytes. Fails when an echo differs, a connection
     * drops, or echoes are still missing 10 s after the end (a server that stopped answering is
     * reported, not waited for).
     */
    Echoed echo(EchoConnections connections, long warmupMillis, long measureMillis) throws Exception {
        long pid = server.pid();
        JvmThreadCpu[] cpu = new JvmThreadCpu[2];
        EchoConnections.Outcome outcome = connections.run(messages, 1, 1, TimeUnit.MILLISECONDS.toNanos(warmupMillis),
                TimeUnit.MILLISECONDS.toNanos(measureMillis), new EchoConnections.Window() {
                    @Override
                    public void opened() throws IOException {
                        cpu[0] = JvmThreadCpu.of(pid);
                    }

                    @Override
                    public void closed() throws IOException {
                        cpu[1] = JvmThreadCpu.of(pid);
                    }
                });
        if (outcome.wrongEchoes() > 0 || outcome.lostConnections() > 0) {
            throw new IllegalStateException(outcome.wrongEchoes() + " wrong echoes, " + outcome.lostConnections()
                    + " connections lost or still waiting for an echo");
        }
        long count = outcome.messages();
        JvmThreadCpu used = cpu[1].minus(cpu[0]);
        return new Echoed(micros(used.processNanos(), count), micros(used.applicationNanos(), count),
                micros(used.jitNanos(), count), micros(used.gcNanos(), count),
                micros(used.handlerThreadNanos(), count), count / (measureMillis / 1000.0),
                outcome.wire(), 0, 0, 0);
    }

    private static double micros(long nanos, long messages) {
        return messages == 0 ? 0 : nanos / 1000.0 / messages;
    }
}
