package io.wsstack.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.wsstack.spring.WsSessionRegistry;

import java.net.URI;
import java.time.Duration;
import java.net.http.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stopping the application closes open sessions with 1001 while the web server still serves. */
class GracefulShutdownE2eTest {

    @ParameterizedTest
    @ValueSource(classes = {TomcatContainer.class, JettyContainer.class})
    @DisplayName("RFC 6455 §7.4.1: on application shutdown every client receives Close 1001 (going away)")
    void shutdownSendsGoingAway(Class<?> container) throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(E2eApplication.class, container)
                .properties("server.port=0").run();
        JdkClient client;
        try {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            client = JdkClient.connect(HttpClient.newHttpClient(), URI.create("ws://localhost:" + port + "/echo"), new String[0]);
            WsSessionRegistry sessions = context.getBean(WsSessionRegistry.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> sessions.size() == 1);
        } finally {
            context.close();
        }
        try (client) {
            assertThat(client.closeCode()).isEqualTo(1001);
        }
    }
}
