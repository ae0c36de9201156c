package io.wsstack.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The servlet starter's end-to-end bad-peer set, on WebFlux and Reactor Netty; it includes
 * {@code frameBehindRequestHeadIsRead} (a frame in the packet of the request head is echoed), which
 * Reactor Netty passes thanks to the upgrade-request guard in front of its HTTP decoder.
 */
@SpringBootTest(classes = ReactorNettyE2eApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReactorNettyBadPeerE2eTest extends AbstractBadPeerE2eTest {

    @Override
    ContainerQuirks container() {
        return ContainerQuirks.REACTOR_NETTY;
    }

    @Test
    @DisplayName("RFC 6455 §4.1 (Reactor Netty): a frame behind the head of an upgrade that Spring Security authenticates off the event loop is still echoed")
    void frameBehindAuthenticatedRequestHeadIsRead() throws Exception {
        String basic = "Authorization: Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            RawWebSocketClient.Head head = raw.requestWithFrame(RawWebSocketClient.upgradeRequest(port, "/secure/echo", basic), "early");
            assertThat(head.status()).isEqualTo(101);
            RawWebSocketClient.Frame frame = raw.readFrame();
            assertThat(frame.opcode()).isEqualTo(1);
            assertThat(frame.text()).isEqualTo("early");
            raw.sendText("later");
            assertThat(raw.readFrame().text()).isEqualTo("later");
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.2.2 (Reactor Netty): a refused upgrade whose frame came with the head gets its status, then the connection closes")
    void refusedUpgradeWithFrameCloses() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            RawWebSocketClient.Head head = raw.requestWithFrame(RawWebSocketClient.upgradeRequest(port, "/open", "X-Deny: yes"), "early");
            assertThat(head.status()).isEqualTo(401);
            assertThat(raw.readToEnd()).isNotNull();
        }
    }
}
