package io.wsstack.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One echo server running in its own JVM, so that its CPU time and memory are its own. It is
 * started with the harness's class path and the same JVM options for every server; it is ready
 * once its admin port (see {@code io.wsstack.bench.server.AdminPort}) accepts connections.
 */
final class ServerProcess implements AutoCloseable {

    /** Identical for every server: a fixed heap ceiling and the default collector (G1). */
    static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx2g", "-XX:+UseG1GC");

    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code mainClass} with {@code options} on a free pair of ports (other servers, and
     * other people's tests, may be running on this machine), logging to {@code log}, and waits
     * until it is ready. It runs on this harness's {@code java} with {@link #JVM_OPTIONS}.
     */
    static ServerProcess start(String mainClass, List<String> options, Path log) throws IOException, InterruptedException {
        return start(Path.of(System.getProperty("java.home"), "bin", "java").toString(), jvmOptions(), mainClass,
                FreePorts.pair(), log, options);
    }

    /**
     * {@link #JVM_OPTIONS}, plus the space-separated options of {@code bench.serverJvmOptions} for
     * profiling (e.g. {@code -XX:StartFlightRecording=filename=/tmp/jfr/,settings=profile}); never
     * set for published runs, since every server gets them alike but they cost CPU.
     */
    static List<String> jvmOptions() {
        String extra = System.getProperty("bench.serverJvmOptions", "").trim();
        if (extra.isEmpty()) {
            return JVM_OPTIONS;
        }
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        options.addAll(List.of(extra.split("\\s+")));
        return options;
    }

    /**
     * Starts {@code mainClass} on {@code port} with another {@code java} (e.g. JDK 25 for the zlib
     * presets), other JVM options and {@code extraArgs} after the port: option words and
     * {@code --name=value} Spring properties (see {@code ServerArgs}).
     */
    static ServerProcess start(String java, List<String> jvmOptions, String mainClass, int port, Path log,
                               List<String> extraArgs) throws IOException, InterruptedException {
        // generous: on a busy 2-core machine six JVMs starting together took over 5 minutes
        return start(java, jvmOptions, mainClass, port, log, extraArgs, 900);
    }

    /** As {@link #start(String, List, String, int, Path, List)}, giving up after {@code readySeconds}. */
    static ServerProcess start(String java, List<String> jvmOptions, String mainClass, int port, Path log,
                               List<String> extraArgs, int readySeconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.add(Integer.toString(port));
        command.addAll(extraArgs);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // A harness stopped with Ctrl-C (or kill) must not leave its servers running.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        ServerProcess server = new ServerProcess(process, port);
        try {
            server.awaitReady(readySeconds);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // Not ready in time, or the harness gave up on it (interrupt): nobody else holds the process.
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitReady(int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("server exited with " + process.exitValue() + " before it was ready");
            }
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port + 1)) {
                // Connected: the admin port is open, so the server is up, unless the probe connected
                // to itself (its own local port is the admin port), which nobody listening allows.
                if (probe.getLocalPort() != port + 1) {
                    return;
                }
                Thread.sleep(100);
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IOException("server not ready within " + seconds + " s");
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    URI echoUri() {
        return URI.create("ws://127.0.0.1:" + port + "/echo");
    }

    long cpuNanos() throws IOException {
        return ProcStats.cpuNanos(process.pid());
    }

    long rssBytes() throws IOException {
        return ProcStats.rssBytes(process.pid());
    }

    /** Used heap after full garbage collections, as the server reports it on its admin port. */
    long usedHeapAfterGc() throws IOException {
        try (Socket admin = new Socket(InetAddress.getLoopbackAddress(), port + 1)) {
            admin.setSoTimeout(60_000);
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(admin.getInputStream(), StandardCharsets.US_ASCII));
            return Long.parseLong(reader.readLine().trim());
        }
    }

    /** Stops the server: SIGTERM, then SIGKILL after 10 s. Also when called on an interrupted thread. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        boolean interrupted = Thread.interrupted();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
