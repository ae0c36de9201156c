package io.wsstack.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Issue 16's CPU figure told apart from the machine's noise: the smallest preset against today's
 * dedicated mode (java.util.zip) on the same JDK, both servers running, their measured windows
 * alternating. Measured one after the other, as the table's rows are, the baseline moved from 147 to
 * 192 µs per message between runs of one build (its zlib state, about 300 KiB per connection, does
 * not stay in the caches, so it pays for whatever else the host runs at that minute) while the preset
 * moved far less; a ratio of two rows measured minutes apart inherits that swing. Here every round
 * measures one server right after the other (who goes first alternates), the ratio is taken per
 * round, and the report gives the median round with the range beside it.
 */
final class DeflatePairComparison {

    /** One round: CPU per echoed message (all threads) and echoes per second of each server. */
    record Round(double baselineMicros, double presetMicros, double baselineRate, double presetRate) {

        double ratio() {
            return presetMicros / baselineMicros;
        }
    }

    /** The rounds measured, or why there are none. */
    record Outcome(String baselineLabel, String presetLabel, List<Round> rounds, String failure) {

        double medianRatio() {
            return MetersResult.median(rounds.stream().mapToDouble(Round::ratio).toArray());
        }

        double medianBaselineMicros() {
            return MetersResult.median(rounds.stream().mapToDouble(Round::baselineMicros).toArray());
        }

        double medianPresetMicros() {
            return MetersResult.median(rounds.stream().mapToDouble(Round::presetMicros).toArray());
        }
    }

    private DeflatePairComparison() {
    }

    /**
     * Starts both servers, opens their compressed connections, warms each until the JIT is done, then
     * measures {@code rounds} rounds of one window per server ({@code refillMillis} of echoes before each
     * window, so the server that waited is running again when its window opens). Gives up after
     * {@code timeoutSeconds}, stopping both servers.
     */
    static Outcome run(String baselineLabel, DeflateServerRun baseline, String presetLabel, DeflateServerRun preset,
                       int rounds, long refillMillis, long measureMillis, int timeoutSeconds) {
        FutureTask<List<Round>> task = new FutureTask<>(() -> measure(baseline, preset, rounds, refillMillis,
                measureMillis));
        Thread worker = new Thread(task, "deflate-pair");
        worker.setDaemon(true);
        worker.start();
        try {
            return new Outcome(baselineLabel, presetLabel, task.get(timeoutSeconds, TimeUnit.SECONDS), null);
        } catch (TimeoutException e) {
            String where = "baseline " + baseline.stage() + ", preset " + preset.stage();
            task.cancel(true);
            return new Outcome(baselineLabel, presetLabel, List.of(), "timed out after " + timeoutSeconds + " s ("
                    + where + ")");
        } catch (ExecutionException e) {
            return new Outcome(baselineLabel, presetLabel, List.of(), "failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(baselineLabel, presetLabel, List.of(), "interrupted");
        } finally {
            baseline.abort();
            preset.abort();
        }
    }

    private static List<Round> measure(DeflateServerRun baseline, DeflateServerRun preset, int rounds,
                                       long refillMillis, long measureMillis) throws Exception {
        baseline.startServer();
        preset.startServer();
        EchoConnections baselineConnections = baseline.openCpuConnections();
        EchoConnections presetConnections = preset.openCpuConnections();
        baseline.warmUp(baselineConnections);
        preset.warmUp(presetConnections);
        List<Round> measured = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            DeflateServerRun.Echoed b;
            DeflateServerRun.Echoed p;
            if (round % 2 == 0) {
                b = baseline.echo(baselineConnections, refillMillis, measureMillis);
                p = preset.echo(presetConnections, refillMillis, measureMillis);
            } else {
                p = preset.echo(presetConnections, refillMillis, measureMillis);
                b = baseline.echo(baselineConnections, refillMillis, measureMillis);
            }
            Round r = new Round(b.cpuMicros(), p.cpuMicros(), b.messagesPerSecond(), p.messagesPerSecond());
            measured.add(r);
            System.out.printf(Locale.ROOT, "   pair round %d: %.1f ÷ %.1f µs = %.3f%n", round + 1, r.presetMicros(),
                    r.baselineMicros(), r.ratio());
        }
        return measured;
    }

    static String markdown(Outcome outcome, int connections, long refillMillis, long measureMillis) {
        StringBuilder md = new StringBuilder("### The smallest preset ÷ today's dedicated mode, alternating rounds (issue 16)\n\n");
        md.append("`").append(outcome.presetLabel()).append("` ÷ `").append(outcome.baselineLabel())
                .append("`: both servers running, ").append(connections).append(" compressed connections each, ")
                .append("the same messages and load generator as the table above; every round measures a window of ")
                .append(String.format(Locale.ROOT, "%.1f", measureMillis / 1000.0))
                .append(" s on one server right after one on the other (who goes first alternates), each after ")
                .append(String.format(Locale.ROOT, "%.1f", refillMillis / 1000.0))
                .append(" s of echoes that are not counted. Server CPU (user + system, all threads) per echoed message.\n\n");
        if (outcome.failure() != null) {
            return md.append("Not measured: ").append(outcome.failure()).append(".\n\n").toString();
        }
        List<Round> rounds = outcome.rounds();
        double min = rounds.stream().mapToDouble(Round::ratio).min().orElse(Double.NaN);
        double max = rounds.stream().mapToDouble(Round::ratio).max().orElse(Double.NaN);
        md.append("| | median round | range | every round |\n|---|---:|---:|---|\n");
        md.append(String.format(Locale.ROOT, "| preset ÷ baseline | **%.2f×** | %.2f–%.2f | %s |%n", outcome.medianRatio(),
                min, max, join(rounds, r -> String.format(Locale.ROOT, "%.2f", r.ratio()))));
        md.append(String.format(Locale.ROOT, "| preset, µs / message | %.0f | | %s |%n", outcome.medianPresetMicros(),
                join(rounds, r -> String.format(Locale.ROOT, "%.0f", r.presetMicros()))));
        md.append(String.format(Locale.ROOT, "| baseline, µs / message | %.0f | | %s |%n", outcome.medianBaselineMicros(),
                join(rounds, r -> String.format(Locale.ROOT, "%.0f", r.baselineMicros()))));
        md.append(String.format(Locale.ROOT, "| preset, messages / s | | | %s |%n",
                join(rounds, r -> String.format(Locale.ROOT, "%.0f", r.presetRate()))));
        md.append(String.format(Locale.ROOT, "| baseline, messages / s | | | %s |%n",
                join(rounds, r -> String.format(Locale.ROOT, "%.0f", r.baselineRate()))));
        return md.append('\n').toString();
    }

    private static String join(List<Round> rounds, java.util.function.Function<Round, String> cell) {
        return String.join(" / ", rounds.stream().map(cell).toList());
    }
}
