package io.wsstack.bench.load;

import java.util.List;

/** The meters A/B as markdown: each round's ratio, the median ratio, and the medians of both servers. */
final class MetersReport {

    private MetersReport() {
    }

    static String markdown(int rounds, long warmupMillis, long measureMillis, boolean together,
            List<MetersResult> results) {
        StringBuilder md = new StringBuilder();
        md.append("### Meters on ÷ off: CPU per message, ").append(together ? "simultaneous" : "alternating")
                .append(" rounds\n\n");
        md.append(String.format("%s ÷ %s, server CPU per echoed message. Both servers driven by the echo "
                        + "comparison's load generator, payloads and echo checks; per scenario, after discarded "
                        + "traffic on each server, %d rounds of one phase per server (%.1f s warm-up, %.1f s "
                        + "measured), %s. A round's ratio compares phases %s, so a change in the machine's "
                        + "background load shifts few rounds; the median ratio is the figure (1.05× = meters cost "
                        + "5 %% of the CPU per message).%n%n",
                Peer.WSSTACK.label(), Peer.WSSTACK_NOMETERS.label(), rounds, warmupMillis / 1000.0,
                measureMillis / 1000.0,
                together ? "both servers at the same time, each on its own generator"
                        : "back to back, who goes first alternating",
                together ? "run at the same time" : "seconds apart"));
        md.append("| Scenario | on ÷ off per round | median on ÷ off | median CPU µs/msg on | off | wrong echoes | lost connections |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (MetersResult r : results) {
            md.append("| ").append(r.scenario().label()).append(" | ");
            if (!r.measured()) {
                md.append(r.note() == null ? "no rounds" : r.note().replace('|', '/')).append(" | | | | | |\n");
                continue;
            }
            StringBuilder rounds1 = new StringBuilder();
            for (double ratio : r.ratios()) {
                rounds1.append(rounds1.length() == 0 ? "" : ", ").append(String.format("%.3f", ratio));
            }
            md.append(rounds1).append(String.format(" | **%.3f×** | %.2f | %.2f | %s | %s |%n", r.medianRatio(),
                    r.medianOnMicros(), r.medianOffMicros(), flag(r.wrongEchoes()), flag(r.lostConnections())));
        }
        md.append('\n');
        return md.toString();
    }

    private static String flag(long count) {
        return count == 0 ? "0" : "**" + count + "** ⚠";
    }
}
