package io.wsstack.e2e;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Connector;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On Jetty the upgraded connection is ours (see {@code io.wsstack.spring.servlet}): Jetty's
 * connector idle timeout is switched off for it, and the connector's connection listeners see it.
 */
@Import({JettyContainer.class, JettyConnectionE2eTest.ListenerConfiguration.class})
@TestPropertySource(properties = "server.jetty.connection-idle-timeout=200ms")
class JettyConnectionE2eTest extends AbstractE2eTest {

    /** Connection events seen by a listener on every connector: "opened:Type" / "closed:Type". */
    static final List<String> connectionEvents = new CopyOnWriteArrayList<>();

    @TestConfiguration(proxyBeanMethods = false)
    static class ListenerConfiguration {

        @Bean
        WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> connectionListener() {
            Connection.Listener listener = new Connection.Listener() {
                @Override
                public void onOpened(Connection connection) {
                    connectionEvents.add("opened:" + connection.getClass().getSimpleName());
                }

                @Override
                public void onClosed(Connection connection) {
                    connectionEvents.add("closed:" + connection.getClass().getSimpleName());
                }
            };
            return factory -> factory.addServerCustomizers(server -> {
                for (Connector connector : server.getConnectors()) {
                    connector.addEventListener(listener);
                }
            });
        }
    }

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

    @Test
    @DisplayName("The connector's connection listeners see the upgraded connection open and close")
    void connectorListenersSeeUpgradedConnection() throws Exception {
        long closedBefore = connectionEvents.stream().filter("closed:JettyWsConnection"::equals).count();
        try (RawWebSocketClient raw = openRaw("/open", 0)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> connectionEvents.contains("opened:JettyWsConnection"));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> connectionEvents.stream().filter("closed:JettyWsConnection"::equals).count() > closedBefore);
    }
}
