package io.wsstack.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReportsTest {

    private final Scenario small = new Scenario(false, 20, 100);
    private final HarnessSettings settings = new HarnessSettings(List.of(Peer.WSSTACK, Peer.NETTY), new int[] {20},
            new int[] {100}, new boolean[] {false}, 1000, 5000, 0, 2, Path.of("out"));

    @Test
    @DisplayName("a peer's figures carry their ratio to ours, and the summary is their geometric mean")
    void ratiosToOurs() {
        List<LoadResult> load = List.of(
                new LoadResult(Peer.WSSTACK, small, 10_000, 100_000, 1_000_000, 1.0, 100 << 20, 0, null),
                new LoadResult(Peer.NETTY, small, 12_500, 80_000, 500_000, 1.0, 50 << 20, 0, null));
        String md = new LoadReport(settings, load, List.of()).markdown(1.0);
        assertThat(md).contains("| Netty websocketx | 12,500 (1.25×) | 80 (0.80×) | 500 (0.50×)");
        assertThat(md).contains("| Netty websocketx | 1.25× | 0.80× | 1 |");
    }

    @Test
    @DisplayName("a peer without numbers is reported with its reason, and ratios are n/a")
    void missingPeer() {
        List<LoadResult> load = List.of(
                LoadResult.missing(Peer.WSSTACK, small, "not available: starter not built"),
                new LoadResult(Peer.NETTY, small, 12_500, 80_000, 500_000, 1.0, 50 << 20, 0, null));
        String md = new LoadReport(settings, load, List.of()).markdown(1.0);
        assertThat(md).contains("| wsstack (Tomcat) | not available: starter not built |");
        assertThat(md).contains("| Netty websocketx | 12,500 | 80 | 500 |");
        assertThat(md).contains("| Netty websocketx | n/a | n/a | 0 |");
    }

    @Test
    @DisplayName("idle memory: heap per connection and RSS with all open, each with its ratio to ours")
    void idleTable() {
        HarnessSettings withIdle = new HarnessSettings(settings.peers(), settings.sizes(), settings.connectionCounts(),
                settings.deflateModes(), 1000, 5000, 10_000, 2, Path.of("out"));
        List<IdleResult> idle = List.of(
                new IdleResult(Peer.WSSTACK, 10_000, 20_000, 500L << 20, null),
                new IdleResult(Peer.NETTY, 10_000, 2_000, 250L << 20, null));
        String md = new LoadReport(withIdle, List.of(), idle).markdown(1.0);
        assertThat(md).contains("#### Memory of 10,000 idle connections");
        assertThat(md).contains("| Netty websocketx | 2,000 (0.10×) | 250 (0.50×) |");
    }

    @Test
    @DisplayName("the chart is an SVG with a labelled bar per measured peer and scenario on decade gridlines")
    void chart() {
        List<LoadResult> load = List.of(
                new LoadResult(Peer.NETTY, small, 12_500, 1, 1, 1, 1, 0, null),
                LoadResult.missing(Peer.WSSTACK, small, "not available"));
        String svg = ThroughputChart.svg(List.of(small), load);
        assertThat(svg).startsWith("<svg").contains("Netty websocketx, 20 B × 100: 12,500 msg/s").endsWith("</svg>\n");
        assertThat(svg).contains(">12.5k</text>").contains(">10,000</text>").contains(">100,000</text>");
        assertThat(svg).doesNotContain("wsstack (Tomcat), 20 B");
        assertThat(ThroughputChart.shortNumber(154_887)).isEqualTo("155k");
        assertThat(ThroughputChart.shortNumber(671)).isEqualTo("671");
    }
}
