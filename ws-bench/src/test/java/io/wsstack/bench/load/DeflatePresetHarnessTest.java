package io.wsstack.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deflate preset harness runs unattended in the full benchmark: a server that never gets ready,
 * or never answers, must cost its time limit and a row saying so, never the whole run, and must not
 * be left running.
 */
class DeflatePresetHarnessTest {

    @TempDir
    Path dir;

    @Test
    void aServerThatNeverGetsReadyIsReportedAndStopped() throws Exception {
        String marker = "never-ready-" + UUID.randomUUID();
        DeflatePresetHarness.Row row = DeflatePresetHarness.measure("never ready",
                run(StuckServers.NeverReady.class, marker), 0.5, 3);

        assertThat(row.result()).isNull();
        assertThat(row.failure()).startsWith("timed out after 3 s while starting the server");
        assertThat(row.ratio()).isEqualTo(0.5);
        assertGone(marker);
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeIsReportedAndStopped() throws Exception {
        String marker = "mute-" + UUID.randomUUID();
        DeflatePresetHarness.Row row = DeflatePresetHarness.measure("mute", run(StuckServers.Mute.class, marker),
                Double.NaN, 8);

        assertThat(row.result()).isNull();
        assertThat(row.failure()).startsWith("timed out after 8 s while opening 100 compressed connections");
        assertGone(marker);
    }

    @Test
    void presetsAreComparedWithTodaysDedicatedModeOnTheSameJdk() {
        DeflatePresetHarness.Row jdk17 = row("wsstack, java.util.zip, dedicated (JDK 17, today's default)", 200, 180);
        DeflatePresetHarness.Row jdk25 = row("wsstack, java.util.zip, dedicated (JDK 25, wsstack.deflate.zlib=jdk)", 160, 150);
        DeflatePresetHarness.Row preset = row("wsstack, zlib FFM, dedicated-3kb (JDK 25)", 80, 60);
        DeflatePresetHarness.Row peer = row("Netty websocketx (JDK 17)", 300, 290);
        List<DeflatePresetHarness.Row> rows = List.of(jdk17, jdk25, preset, peer);

        assertThat(DeflatePresetHarness.versusBaseline(preset, rows)).isEqualTo("0.50x (app 0.40x)");
        assertThat(DeflatePresetHarness.versusBaseline(peer, rows)).isEqualTo("1.50x (app 1.61x)");
        assertThat(DeflatePresetHarness.versusBaseline(jdk25, rows)).isEmpty();
        assertThat(DeflatePresetHarness.versusBaseline(preset, List.of(jdk17, preset))).isEmpty();
    }

    @Test
    void everyMemoryBatchIsShownInTheOrderOpened() {
        assertThat(DeflatePresetHarness.batches(new double[] {5.94, 6.1, 24.0})).isEqualTo("5.9 / 6.1 / 24.0");
        assertThat(DeflatePresetHarness.batches(new double[0])).isEmpty();
    }

    private static DeflatePresetHarness.Row row(String label, double cpuMicros, double applicationMicros) {
        DeflateServerRun.Echoed cpu = new DeflateServerRun.Echoed(cpuMicros, applicationMicros,
                cpuMicros - applicationMicros, 0, 0, 1000, null, 10, cpuMicros, cpuMicros);
        return new DeflatePresetHarness.Row(label, new DeflateServerRun.Result(cpu, 1000, 10, 10, 2, null,
                new double[] {10}, new double[] {12}), 0.3, null);
    }

    private DeflateServerRun run(Class<?> main, String marker) {
        return new DeflateServerRun(new DeflateServerRun.Settings(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), List.of("-Xmx64m"), main.getName(),
                List.of(marker), dir.resolve("server.log"), 100, 100, 5, 100, 100, 100, 1, 600, null), List.of());
    }

    /** No process whose command line carries {@code marker} is left, within 25 s (SIGTERM, then SIGKILL). */
    private static void assertGone(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + 25_000_000_000L;
        while (System.nanoTime() < deadline && running(marker)) {
            Thread.sleep(100);
        }
        assertThat(running(marker)).as("server process still running").isFalse();
    }

    private static boolean running(String marker) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.isAlive()
                && p.info().commandLine().map(line -> line.contains(marker)).orElse(false));
    }
}
