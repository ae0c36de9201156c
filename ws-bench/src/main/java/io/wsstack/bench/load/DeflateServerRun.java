package io.wsstack.bench.load;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.file.Path;
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
     */
    record Settings(String java, List<String> jvmOptions, String mainClass, List<String> args, Path log,
                    int connections, int memoryConnections, long warmupMillis, long measureMillis, int readySeconds,
                    Path nativeClient) {
    }

    /**
     * @param cpuMicros           server CPU (user + system) per echoed compressed message
     * @param messagesPerSecond   echoes per second during the measured window
     * @param plainKiB            server RSS + heap growth per connection without compression
     * @param compressedNativeKiB server RSS growth per compressed connection (heap pre-touched: native memory)
     * @param compressedHeapKiB   server heap growth (after GC) per compressed connection
     * @param wire                the CPU phase's echoes on the wire (null when Netty's client drove it)
     */
    record Result(double cpuMicros, double messagesPerSecond, double plainKiB, double compressedNativeKiB,
                  double compressedHeapKiB, EchoConnections.Wire wire) {

        double compressedKiB() {
            return compressedNativeKiB + compressedHeapKiB;
        }

        /** What compression adds to a connection: its zlib state, the codec objects, their buffers. */
        double deflateKiB() {
            return compressedKiB() - plainKiB;
        }
    }

    /** One echo phase's figures: server CPU per message, messages per second, the echoes on the wire. */
    private record Echoed(double cpuMicros, double messagesPerSecond, EchoConnections.Wire wire) {
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
                cpu = echo(load, settings.warmupMillis(), settings.measureMillis());
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
                return new Result(cpu.cpuMicros(), cpu.messagesPerSecond(), ((rss1 - rss0) + (heap1 - heap0)) / n,
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
     * One echo phase, one message in flight per connection, each connection starting at its own
     * message so neighbours do not send the same bytes. Fails when an echo differs, a connection
     * drops, or echoes are still missing 10 s after the end (a server that stopped answering is
     * reported, not waited for).
     */
    private Echoed echo(EchoConnections connections, long warmupMillis, long measureMillis) throws Exception {
        long[] cpu = new long[2];
        EchoConnections.Outcome outcome = connections.run(messages, 1, 1, TimeUnit.MILLISECONDS.toNanos(warmupMillis),
                TimeUnit.MILLISECONDS.toNanos(measureMillis), new EchoConnections.Window() {
                    @Override
                    public void opened() throws IOException {
                        cpu[0] = server.cpuNanos();
                    }

                    @Override
                    public void closed() throws IOException {
                        cpu[1] = server.cpuNanos();
                    }
                });
        if (outcome.wrongEchoes() > 0 || outcome.lostConnections() > 0) {
            throw new IllegalStateException(outcome.wrongEchoes() + " wrong echoes, " + outcome.lostConnections()
                    + " connections lost or still waiting for an echo");
        }
        long count = outcome.messages();
        return new Echoed(count == 0 ? 0 : (cpu[1] - cpu[0]) / 1000.0 / count, count / (measureMillis / 1000.0),
                outcome.wire());
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
