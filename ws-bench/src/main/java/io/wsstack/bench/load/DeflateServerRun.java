package io.wsstack.bench.load;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
     * {@code measureMillis} and reports the median one.
     */
    record Settings(String java, List<String> jvmOptions, String mainClass, List<String> args, Path log,
                    int connections, int memoryConnections, long warmupMillis, long maxWarmupMillis,
                    long measureMillis, int rounds, int readySeconds, Path nativeClient) {
    }

    /**
     * The warm-up ends once a one-second slice spends less than this share of the server's CPU in the
     * JIT compilers: from then on what is measured is the compiled server, not its compilation.
     */
    static final double JIT_DONE_SHARE = 0.03;

    /**
     * @param cpu                 server CPU per echoed compressed message, split by thread group
     * @param messagesPerSecond   echoes per second during the measured window
     * @param plainKiB            server RSS + heap growth per connection without compression
     * @param compressedNativeKiB server RSS growth per compressed connection (heap pre-touched: native memory)
     * @param compressedHeapKiB   server heap growth (after GC) per compressed connection
     * @param wire                the CPU phase's echoes on the wire (null when Netty's client drove it)
     */
    record Result(Echoed cpu, double messagesPerSecond, double plainKiB, double compressedNativeKiB,
                  double compressedHeapKiB, EchoConnections.Wire wire) {

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
     * and the GC's part of it, see {@link JvmThreadCpu}), messages per second, the echoes on the wire,
     * how long the warm-up before it lasted, and the spread of the rounds it is the median of.
     */
    record Echoed(double cpuMicros, double applicationMicros, double jitMicros, double gcMicros,
                  double messagesPerSecond, EchoConnections.Wire wire, double warmupSeconds,
                  double minCpuMicros, double maxCpuMicros) {
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
        try {
            stage = "opening " + settings.connections() + " compressed connections";
            EchoConnections load = open(settings.connections(), true);
            Echoed cpu;
            try {
                stage = "echoing on " + settings.connections() + " compressed connections";
                cpu = warmAndMeasure(load);
            } finally {
                load.close();
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
            EchoConnections plain = open(settings.memoryConnections(), false);
            EchoConnections compressed = null;
            try {
                stage = "echoing on the plain connections";
                echo(plain, 0, 1000);
                long heap1 = server.usedHeapAfterGc();
                long rss1 = server.rssBytes();
                stage = "opening " + settings.memoryConnections() + " compressed connections";
                compressed = open(settings.memoryConnections(), true);
                stage = "echoing on the compressed connections (the zlib state is allocated at the first message)";
                echo(compressed, 0, 1500);
                long heap2 = server.usedHeapAfterGc();
                long rss2 = server.rssBytes();
                double n = settings.memoryConnections() * 1024.0;
                stage = "done";
                return new Result(cpu, cpu.messagesPerSecond(), ((rss1 - rss0) + (heap1 - heap0)) / n,
                        (rss2 - rss1) / n, (heap2 - heap1) / n, cpu.wire());
            } finally {
                plain.close();
                if (compressed != null) {
                    compressed.close();
                }
            }
        } finally {
            stop();
        }
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
        double warmupSeconds = (System.nanoTime() - started) / 1e9;
        startProfiler();
        List<Echoed> rounds = new ArrayList<>();
        for (int round = 0; round < Math.max(1, settings.rounds()); round++) {
            rounds.add(echo(connections, 0, settings.measureMillis()));
        }
        rounds.sort(Comparator.comparingDouble(Echoed::cpuMicros));
        Echoed median = rounds.get(rounds.size() / 2);
        return new Echoed(median.cpuMicros(), median.applicationMicros(), median.jitMicros(), median.gcMicros(),
                median.messagesPerSecond(), median.wire(), warmupSeconds, rounds.get(0).cpuMicros(),
                rounds.get(rounds.size() - 1).cpuMicros());
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
    private Echoed echo(EchoConnections connections, long warmupMillis, long measureMillis) throws Exception {
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
                micros(used.jitNanos(), count), micros(used.gcNanos(), count), count / (measureMillis / 1000.0),
                outcome.wire(), 0, 0, 0);
    }

    private static double micros(long nanos, long messages) {
        return messages == 0 ? 0 : nanos / 1000.0 / messages;
    }
}
