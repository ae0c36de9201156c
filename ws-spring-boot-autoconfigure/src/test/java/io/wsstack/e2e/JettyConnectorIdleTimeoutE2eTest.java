package io.wsstack.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On Jetty the upgraded connection is ours, and Jetty's connector idle timeout is switched off for
 * it: a quiet session outlives a very short {@code server.jetty.connection-idle-timeout}, as on
 * Tomcat, and only the endpoint's own idle timeout and keep-alive pings decide.
 */
@Import(JettyContainer.class)
@TestPropertySource(properties = "server.jetty.connection-idle-timeout=200ms")
class JettyConnectorIdleTimeoutE2eTest extends AbstractE2eTest {

    @Override
    ContainerQuirks container() {
        return ContainerQuirks.JETTY;
    }

    @Test
    @DisplayName("A session quiet for longer than Jetty's connector idle timeout stays open (the endpoint sets no idle timeout)")
    void quietSessionOutlivesConnectorIdleTimeout() throws Exception {
        try (RawWebSocketClient raw = openRaw("/open", 0)) {
            Thread.sleep(1000);
            raw.sendText("still here");
            RawWebSocketClient.Frame frame = raw.readFrame();
            assertThat(frame.opcode()).isEqualTo(1);
            assertThat(frame.text()).isEqualTo("still here");
        }
    }
}
