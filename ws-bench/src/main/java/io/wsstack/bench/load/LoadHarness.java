package io.wsstack.bench.load;

import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

/**
 * The load comparison. Every peer's echo server runs in its own JVM; all of them are started and
 * warmed up front, then each selected {@link Measurement} runs in turn (the echo comparison, then
 * the idle-connection memory, then whatever is registered in {@link Measurements}), and
 * {@code load.md} is written to the output directory from their sections. Settings:
 * {@link HarnessSettings}.
 */
public final class LoadHarness {

    private LoadHarness() {
    }

    /** Runs the comparison; exits non-zero when no peer could be started although some were asked for. */
    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        HarnessSettings settings = HarnessSettings.fromSystemProperties();
        List<Measurement> measurements = Measurements.selected(settings.measurements());
        Files.createDirectories(settings.out().resolve("logs"));
        long started = System.nanoTime();
        StringBuilder report = new StringBuilder();
        boolean noPeer;
        try (HarnessContext context = new HarnessContext(settings)) {
            if (measurements.stream().anyMatch(Measurement::usesPeers)) {
                context.startPeers();
            }
            noPeer = !settings.peers().isEmpty() && context.runners().isEmpty();
            for (Measurement measurement : measurements) {
                System.out.println("== measurement: " + measurement.name());
                report.append(measurement.run(context));
            }
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        report.append(String.format("Load harness run time: %.1f min (servers: %s; scenarios: %s).%n%n", minutes,
                String.join(",", settings.peers().stream().map(Peer::cliName).toList()),
                String.join(",", settings.scenarios().stream().map(Scenario::spec).toList())));
        Files.writeString(settings.out().resolve("load.md"), report);
        System.out.println();
        System.out.println(report);
        if (noPeer) {
            System.exit(1);
        }
    }
}
