package io.wsstack.bench.load;

import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Turns the echo comparison's results into markdown: server CPU per echoed message for every server
 * and scenario, the ratios "reference ÷ each other server" (the reference is the first peer of
 * {@code bench.peers}: ours with Actuator meters on Tomcat by default), throughput, and one detail
 * table per scenario with latency percentiles, echo checks and memory.
 */
final class LoadReport {

    private final HarnessSettings settings;
    private final List<LoadResult> results;
    private final Peer reference;

    LoadReport(HarnessSettings settings, List<LoadResult> results) {
        this.settings = settings;
        this.results = results;
        this.reference = settings.peers().isEmpty() ? Peer.WSSTACK : settings.peers().get(0);
    }

    private String generator() {
        String netty = "Netty client, " + settings.clientThreads() + " event loop threads";
        if (settings.nativeClient() == null) {
            return netty;
        }
        boolean anyDeflate = settings.scenarios().stream().anyMatch(Scenario::deflate);
        if (!anyDeflate) {
            return "the native client `wsload` (C, one epoll thread)";
        }
        return NativeConnections.speaksDeflate(settings.nativeClient())
                ? "the native client `wsload` (C, one epoll thread; permessage-deflate through zlib at level 1)"
                : "the native client `wsload` (C, one epoll thread) for scenarios without compression, the "
                        + netty + " for those with it (wsload was built without zlib)";
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("### Load: echo round trips\n\n");
        md.append(String.format("Every server warm: %.1f s of discarded traffic per scenario after it started, "
                        + "then per phase %.1f s of warm-up and %.1f s measured. Messages vary in size (±25 %% "
                        + "around the nominal size) and content (%d texts per size), and every echo is compared "
                        + "byte for byte with the message it answers. Load generator: %s, on the same machine.%n%n",
                settings.serverWarmupMillis() / 1000.0, settings.warmupMillis() / 1000.0,
                settings.measureMillis() / 1000.0, PayloadSet.VARIANTS, generator()));
        grid(md, "Server CPU per echoed message, µs (lower is better)", LoadResult::serverCpuMicrosPerMessage, "%.1f");
        ratios(md);
        grid(md, "Echoed messages per second (higher is better)", LoadResult::messagesPerSecond, "%,.0f");
        for (Scenario scenario : settings.scenarios()) {
            details(md, scenario);
        }
        return md.toString();
    }

    /** One row per server, one column per scenario. */
    private void grid(StringBuilder md, String title, ToDoubleFunction<LoadResult> value, String format) {
        md.append("#### ").append(title).append("\n\n| Server |");
        settings.scenarios().forEach(s -> md.append(' ').append(s.label()).append(" |"));
        md.append("\n|---|").append("---:|".repeat(settings.scenarios().size())).append('\n');
        for (Peer peer : settings.peers()) {
            md.append("| ").append(peer.label()).append(" |");
            for (Scenario scenario : settings.scenarios()) {
                Optional<LoadResult> r = find(peer, scenario);
                md.append(' ').append(r.map(x -> String.format(format, value.applyAsDouble(x))).orElse("–")).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    /** CPU per message of the reference divided by each other server's, per scenario and as a geometric mean. */
    private void ratios(StringBuilder md) {
        md.append("#### ").append(reference.label()).append(" ÷ each server: CPU per message ")
                .append("(below 1.00× = we spend less)\n\n| ÷ |");
        settings.scenarios().forEach(s -> md.append(' ').append(s.label()).append(" |"));
        md.append(" geometric mean |\n|---|").append("---:|".repeat(settings.scenarios().size() + 1)).append('\n');
        for (Peer peer : settings.peers()) {
            if (peer == reference) {
                continue;
            }
            md.append("| ÷ ").append(peer.label()).append(" |");
            double logSum = 0;
            int n = 0;
            for (Scenario scenario : settings.scenarios()) {
                double ratio = cpuRatio(scenario, peer);
                if (ratio > 0) {
                    logSum += Math.log(ratio);
                    n++;
                    md.append(String.format(" %.2f× |", ratio));
                } else {
                    md.append(" – |");
                }
            }
            md.append(n == 0 ? " – |" : String.format(" %.2f× |", Math.exp(logSum / n))).append('\n');
        }
        md.append('\n');
    }

    /** Reference CPU per message ÷ {@code peer}'s in {@code scenario}, or 0 when either is missing. */
    double cpuRatio(Scenario scenario, Peer peer) {
        Optional<LoadResult> ours = find(reference, scenario);
        Optional<LoadResult> theirs = find(peer, scenario);
        if (ours.isEmpty() || theirs.isEmpty() || theirs.get().serverCpuMicrosPerMessage() <= 0) {
            return 0;
        }
        return ours.get().serverCpuMicrosPerMessage() / theirs.get().serverCpuMicrosPerMessage();
    }

    private void details(StringBuilder md, Scenario scenario) {
        PayloadSet payloads = PayloadSet.of(scenario.messageSize());
        md.append(String.format("#### %s%n%nMessages of %d–%d bytes (mean %.0f), %s.%n%n", scenario.label(),
                payloads.smallest(), payloads.largest(), payloads.meanSize(),
                scenario.deflate() ? "permessage-deflate offered" : "no compression"));
        md.append("| Server | msg/s | p50 µs | p99 µs | p99.9 µs | server CPU (cores) | CPU µs/msg | RSS MiB | wrong echoes | lost connections |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LoadResult r : results) {
            if (!r.scenario().equals(scenario)) {
                continue;
            }
            md.append("| ").append(r.peer().label()).append(" | ");
            if (!r.measured()) {
                md.append(r.note().replace('|', '/')).append(" | | | | | | | | |\n");
                continue;
            }
            md.append(String.format("%,.0f | %,.0f | %,.0f | %,.0f | %.2f | %.1f | %,d | %s | %s |%n",
                    r.messagesPerSecond(), r.p50Nanos() / 1e3, r.p99Nanos() / 1e3, r.p999Nanos() / 1e3,
                    r.serverCores(), r.serverCpuMicrosPerMessage(), r.serverRssBytes() >> 20,
                    flag(r.wrongEchoes()), flag(r.lostConnections())));
        }
        md.append('\n');
    }

    private static String flag(long count) {
        return count == 0 ? "0" : "**" + count + "** ⚠";
    }

    private Optional<LoadResult> find(Peer peer, Scenario scenario) {
        return results.stream()
                .filter(r -> r.peer() == peer && r.scenario().equals(scenario) && r.measured() && r.messagesPerSecond() > 0)
                .findFirst();
    }
}
