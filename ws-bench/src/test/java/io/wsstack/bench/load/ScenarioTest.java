package io.wsstack.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    @DisplayName("scenario specs parse sizes in bytes or KiB, in-flight counts and the deflate flag, and print back the same")
    void parsesAndPrints() {
        assertThat(Scenario.parse("20x100x4")).isEqualTo(new Scenario(20, 100, 4, false));
        assertThat(Scenario.parse("16KiBx100x1")).isEqualTo(new Scenario(16384, 100, 1, false));
        assertThat(Scenario.parse("1KiBx100x1+deflate")).isEqualTo(new Scenario(1024, 100, 1, true));
        assertThat(Scenario.parse("16KiBx100x1").spec()).isEqualTo("16KiBx100x1");
        assertThat(Scenario.parse("1KiBx100x1+deflate").spec()).isEqualTo("1KiBx100x1+deflate");
        assertThat(Scenario.parse("20x1000x1").label()).isEqualTo("1,000 conns × 20 B, 1 in flight");
    }

    @Test
    @DisplayName("the defaults are issue 11's table plus 16 in flight")
    void defaults() {
        assertThat(Scenario.parseList(Scenario.DEFAULTS)).containsExactly(
                new Scenario(20, 100, 4, false), new Scenario(20, 100, 16, false),
                new Scenario(20, 1000, 1, false), new Scenario(16384, 100, 1, false));
    }

    @Test
    @DisplayName("a malformed spec is refused with the expected form in the message")
    void refusesGarbage() {
        assertThatThrownBy(() -> Scenario.parse("20x100")).hasMessageContaining("<size>[B|KiB]x<connections>x<inFlight>");
        assertThatThrownBy(() -> Scenario.parse("20x100x0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("peers are named on the command line in lower case with dashes")
    void peerNames() {
        assertThat(Peer.byCliName("wsstack-jetty")).isEqualTo(Peer.WSSTACK_JETTY);
        assertThat(Peer.byCliName("wsstack_netty")).isEqualTo(Peer.WSSTACK_NETTY); // the older spelling
        assertThat(Peer.ALL).isEqualTo(
                "wsstack,wsstack-loop,wsstack-servlet,wsstack-nometers,wsstack-jetty,wsstack-netty,wsstack-netty-loop,spring,jetty,netty");
        assertThatThrownBy(() -> Peer.byCliName("tomcat")).hasMessageContaining("known: wsstack,");
    }
}
