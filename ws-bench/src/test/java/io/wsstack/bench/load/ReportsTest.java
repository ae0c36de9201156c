package io.wsstack.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReportsTest {

    private final Scenario small = Scenario.parse("20x100x4");
    private final Scenario large = Scenario.parse("16KiBx100x1");
    private final HarnessSettings settings = new HarnessSettings(List.of(Peer.WSSTACK, Peer.WSSTACK_NOMETERS, Peer.NETTY),
            List.of(small, large), List.of("echo"), 1000, 1000, 5000, 0, 2, null, Path.of("out"));

    private static LoadResult result(Peer peer, Scenario scenario, double rate, double cores) {
        return new LoadResult(peer, scenario, rate, 100_000, 1_000_000, 2_000_000, cores, 100 << 20, 0, 0, null);
    }

    @Test
    @DisplayName("CPU per message per server and scenario, and ours ÷ each other server with the geometric mean")
    void cpuPerMessageAndRatios() {
        List<LoadResult> load = List.of(
                result(Peer.WSSTACK, small, 100_000, 1.0), result(Peer.WSSTACK, large, 10_000, 1.0),
                result(Peer.WSSTACK_NOMETERS, small, 100_000, 0.95), result(Peer.WSSTACK_NOMETERS, large, 10_000, 1.0),
                result(Peer.NETTY, small, 100_000, 0.5), result(Peer.NETTY, large, 5_000, 1.0));
        LoadReport report = new LoadReport(settings, load);
        String md = report.markdown();
        assertThat(md).contains("| Server | 100 conns × 20 B, 4 in flight | 100 conns × 16 KiB, 1 in flight |");
        assertThat(md).contains("| wsstack (Tomcat, Actuator meters) | 10.0 | 100.0 |");
        assertThat(md).contains("| Netty websocketx | 5.0 | 200.0 |");
        // ours 10 µs vs Netty 5 µs = 2.00×; ours 100 µs vs Netty 200 µs = 0.50×; geometric mean 1.00×
        assertThat(md).contains("| ÷ Netty websocketx | 2.00× | 0.50× | 1.00× |");
        assertThat(md).contains("| ÷ wsstack (Tomcat, meters off) | 1.05× | 1.00× | 1.03× |");
        assertThat(report.cpuRatio(small, Peer.NETTY)).isEqualTo(2.0);
        assertThat(md).contains("| Netty websocketx | 100,000 | 100 | 1,000 | 2,000 | 0.50 | 5.0 | 100 | 0 | 0 |");
    }

    @Test
    @DisplayName("a peer without numbers is reported with its reason and its ratios are blank; wrong echoes are flagged")
    void missingPeerAndWrongEchoes() {
        List<LoadResult> load = List.of(
                LoadResult.missing(Peer.WSSTACK, small, "not available: starter not built"),
                new LoadResult(Peer.NETTY, small, 12_500, 80_000, 500_000, 900_000, 1.0, 50 << 20, 3, 1, null));
        String md = new LoadReport(settings, load).markdown();
        assertThat(md).contains("| wsstack (Tomcat, Actuator meters) | not available: starter not built |");
        assertThat(md).contains("| ÷ Netty websocketx | – | – | – |");
        assertThat(md).contains("| **3** ⚠ | **1** ⚠ |");
    }

    @Test
    @DisplayName("idle memory: heap per connection in KiB, the first server's ÷ each, and RSS")
    void idleTable() {
        List<IdleResult> idle = List.of(
                new IdleResult(Peer.WSSTACK, 2_000, 8_192, 500L << 20, null),
                new IdleResult(Peer.NETTY, 2_000, 2_048, 250L << 20, null),
                IdleResult.missing(Peer.JETTY, 2_000, "failed to start"));
        String md = IdleReport.markdown(2_000, idle);
        assertThat(md).contains("### Memory of 2,000 idle connections");
        assertThat(md).contains("| Netty websocketx | 2.0 KiB | 4.00× | 250 |");
        assertThat(md).contains("| Jetty 12 WebSocket | failed to start | | |");
    }

    @Test
    @DisplayName("the chart is an SVG with a labelled bar per measured peer and scenario on decade gridlines")
    void chart() {
        List<LoadResult> load = List.of(
                result(Peer.NETTY, small, 12_500, 1),
                LoadResult.missing(Peer.WSSTACK, small, "not available"));
        String svg = ThroughputChart.svg(settings.peers(), List.of(small), load);
        assertThat(svg).startsWith("<svg").contains("Netty websocketx, 100 conns × 20 B, 4 in flight: 12,500 msg/s")
                .endsWith("</svg>\n");
        assertThat(svg).contains(">12.5k</text>").contains(">10,000</text>").contains(">100,000</text>");
        assertThat(svg).contains(">4 in flight</text>");
        assertThat(svg).doesNotContain("wsstack (Tomcat, Actuator meters), 100 conns");
        assertThat(ThroughputChart.shortNumber(154_887)).isEqualTo("155k");
        assertThat(ThroughputChart.shortNumber(671)).isEqualTo("671");
    }

    @Test
    @DisplayName("meters on ÷ off: every round's ratio, the median ratio (one noisy round does not move it), medians per side")
    void metersTable() {
        // Rounds 1.04, 1.10, 1.00, 1.50 (a burst hit the 'on' phase), 1.05: median 1.05, mean would be 1.14.
        MetersResult small4 = new MetersResult(small, List.of(5.2, 5.5, 5.0, 7.5, 5.25), List.of(5.0, 5.0, 5.0, 5.0, 5.0),
                0, 0, null);
        MetersResult wrong = new MetersResult(large, List.of(52.0, 50.0), List.of(50.0, 50.0), 2, 1, null);
        String md = MetersReport.markdown(5, 500, 4000, false, List.of(small4, wrong,
                MetersResult.missing(Scenario.parse("20x1000x1"), "failed: connection refused")));
        assertThat(small4.medianRatio()).isCloseTo(1.05, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(md).contains("### Meters on ÷ off: CPU per message, alternating rounds").contains("who goes first alternating");
        assertThat(md).contains("| 100 conns × 20 B, 4 in flight | 1.040, 1.100, 1.000, 1.500, 1.050 | **1.050×** | 5.25 | 5.00 | 0 | 0 |");
        // An even number of rounds: the mean of the middle two.
        assertThat(md).contains("| 100 conns × 16 KiB, 1 in flight | 1.040, 1.000 | **1.020×** | 51.00 | 50.00 | **2** ⚠ | **1** ⚠ |");
        assertThat(md).contains("| 1,000 conns × 20 B, 1 in flight | failed: connection refused | | | | | |");
    }
}
