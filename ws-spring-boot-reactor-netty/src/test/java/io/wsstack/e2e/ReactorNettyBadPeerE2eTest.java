package io.wsstack.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The servlet starter's end-to-end bad-peer set, on WebFlux and Reactor Netty. */
@SpringBootTest(classes = ReactorNettyE2eApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReactorNettyBadPeerE2eTest extends AbstractBadPeerE2eTest {

    @Override
    ContainerQuirks container() {
        return ContainerQuirks.REACTOR_NETTY;
    }

    /**
     * Where Reactor Netty differs from Tomcat and Jetty: a client that sends a frame before it has
     * seen the 101 (which RFC 6455 §4.1 forbids) loses that frame, because Reactor Netty's HTTP
     * decoder has already consumed it as the start of another request. What this pins down is that
     * the loss stays contained: the decoder's leftovers never reach the engine, and the session
     * serves the client's next frame normally.
     */
    @Override
    @Test
    @DisplayName("RFC 6455 §4.1 (Reactor Netty): a frame sent before the 101 is dropped, and the session serves the next frame")
    void frameBehindRequestHeadIsRead() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            RawWebSocketClient.Head head = raw.requestWithFrame(RawWebSocketClient.upgradeRequest(port, "/open"), "early");
            assertThat(head.status()).isEqualTo(101);
            raw.sendText("later");
            RawWebSocketClient.Frame frame = raw.readFrame();
            assertThat(frame.opcode()).isEqualTo(1);
            assertThat(frame.text()).isEqualTo("later");
        }
    }
}
