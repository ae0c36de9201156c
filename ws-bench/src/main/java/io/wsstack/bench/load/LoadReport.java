package io.wsstack.bench.load;

import java.util.List;
import java.util.Optional;

/**
 * Turns load results into markdown: a summary (geometric mean of each peer's throughput relative to
 * ours), one table per scenario, and the idle-connection memory table. Every figure of a peer is
 * followed by its ratio to ours, "(1.25×)" meaning 1.25 times our value.
 */
final class LoadReport {

    private final HarnessSettings settings;
    private final List<LoadResult> load;
    private final List<IdleResult> idle;

    LoadReport(HarnessSettings settings, List<LoadResult> load, List<IdleResult> idle) {
        this.settings = settings;
        this.load = load;
        this.idle = idle;
    }

    String markdown(double minutes) {
        StringBuilder md = new StringBuilder();
        md.append("### Load: echo round trips\n\n");
        md.append(String.format("Each phase: %.1f s warm-up, then %.1f s measured; every connection keeps one "
                        + "message in flight. Load generator: Netty client, %d event loop threads, same machine. "
                        + "Harness run time: %.1f min.%n%n",
                settings.warmupMillis() / 1000.0, settings.measureMillis() / 1000.0, settings.clientThreads(), minutes));
        summary(md);
        for (Scenario scenario : settings.scenarios()) {
            scenarioTable(md, scenario);
        }
        idleTable(md);
        return md.toString();
    }

    private void summary(StringBuilder md) {
        md.append("#### Summary: throughput relative to ours (geometric mean over the scenarios both ran)\n\n");
        md.append("| Server | msg/s ÷ ours | server CPU per message ÷ ours | scenarios |\n|---|---:|---:|---:|\n");
        for (Peer peer : settings.peers()) {
            double logThroughput = 0;
            double logCpu = 0;
            int n = 0;
            for (LoadResult result : load) {
                Optional<LoadResult> ours = ours(result.scenario());
                if (result.peer() == peer && result.measured() && ours.isPresent()
                        && result.messagesPerSecond() > 0 && ours.get().messagesPerSecond() > 0) {
                    logThroughput += Math.log(result.messagesPerSecond() / ours.get().messagesPerSecond());
                    logCpu += Math.log(result.serverCpuMicrosPerMessage() / ours.get().serverCpuMicrosPerMessage());
                    n++;
                }
            }
            md.append("| ").append(peer.label()).append(" | ")
                    .append(n == 0 ? "n/a" : String.format("%.2f×", Math.exp(logThroughput / n))).append(" | ")
                    .append(n == 0 ? "n/a" : String.format("%.2f×", Math.exp(logCpu / n))).append(" | ")
                    .append(n).append(" |\n");
        }
        md.append('\n');
    }

    private void scenarioTable(StringBuilder md, Scenario scenario) {
        md.append("#### ").append(scenario.messageSize()).append("-byte messages, ")
                .append(scenario.connections()).append(" connections, ")
                .append(scenario.deflate() ? "permessage-deflate" : "no compression").append("\n\n");
        md.append("| Server | msg/s | p50 µs | p99 µs | server CPU (cores) | CPU µs/msg | RSS MiB |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        Optional<LoadResult> ours = ours(scenario);
        for (LoadResult r : load) {
            if (!r.scenario().equals(scenario)) {
                continue;
            }
            md.append("| ").append(r.peer().label()).append(" | ");
            if (!r.measured()) {
                md.append(r.note().replace('|', '/')).append(" | | | | | |\n");
                continue;
            }
            LoadResult o = ours.orElse(null);
            md.append(cell("%,.0f", r.messagesPerSecond(), o == null ? 0 : o.messagesPerSecond())).append(" | ")
                    .append(cell("%,.0f", r.p50Nanos() / 1e3, o == null ? 0 : o.p50Nanos() / 1e3)).append(" | ")
                    .append(cell("%,.0f", r.p99Nanos() / 1e3, o == null ? 0 : o.p99Nanos() / 1e3)).append(" | ")
                    .append(cell("%.2f", r.serverCores(), o == null ? 0 : o.serverCores())).append(" | ")
                    .append(cell("%.1f", r.serverCpuMicrosPerMessage(), o == null ? 0 : o.serverCpuMicrosPerMessage()))
                    .append(" | ")
                    .append(cell("%,.0f", r.serverRssBytes() / 1048576.0, o == null ? 0 : o.serverRssBytes() / 1048576.0))
                    .append(r.problems() > 0 ? " | ⚠ " + r.problems() + " lost/wrong" : "")
                    .append(" |\n");
        }
        md.append('\n');
    }

    private void idleTable(StringBuilder md) {
        if (settings.idleConnections() <= 0) {
            return;
        }
        md.append("#### Memory of ").append(String.format("%,d", settings.idleConnections()))
                .append(" idle connections\n\n");
        md.append("Heap: used heap after full GC (reported by the server on its admin port), after minus before ")
                .append("opening the connections, divided by their number. RSS: VmRSS with all of them open.\n\n");
        md.append("| Server | heap B/connection | RSS with all open, MiB |\n|---|---:|---:|\n");
        IdleResult ours = idle.stream().filter(r -> r.peer() == Peer.WSSTACK && r.measured()).findFirst().orElse(null);
        for (IdleResult r : idle) {
            md.append("| ").append(r.peer().label()).append(" | ");
            if (!r.measured()) {
                md.append(r.note().replace('|', '/')).append(" | |\n");
                continue;
            }
            md.append(cell("%,.0f", r.heapBytesPerConnection(), ours == null ? 0 : ours.heapBytesPerConnection()))
                    .append(" | ")
                    .append(cell("%,.0f", r.rssBytesIdle() / 1048576.0, ours == null ? 0 : ours.rssBytesIdle() / 1048576.0))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private Optional<LoadResult> ours(Scenario scenario) {
        return load.stream()
                .filter(r -> r.peer() == Peer.WSSTACK && r.scenario().equals(scenario) && r.measured())
                .findFirst();
    }

    /** A value followed by its ratio to ours, unless there is no (positive) value of ours. */
    private static String cell(String format, double value, double ours) {
        String text = String.format(format, value);
        return ours > 0 ? text + String.format(" (%.2f×)", value / ours) : text;
    }
}
