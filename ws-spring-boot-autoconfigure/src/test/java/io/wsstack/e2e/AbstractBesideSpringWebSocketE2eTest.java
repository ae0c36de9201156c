package io.wsstack.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our transport beside another WebSocket stack in the same application: the handshake filter serves
 * only the paths of its own endpoints and leaves every other upgrade request to the rest of the
 * filter chain, where the container's JSR 356 support (or Spring MVC, STOMP...) may answer it.
 */
@SpringBootTest(classes = BesideSpringWebSocketApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractBesideSpringWebSocketE2eTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName("An upgrade to a spring-websocket (JSR 356) endpoint passes our filter and is served by the container")
    void otherStacksEndpointIsReachable() throws Exception {
        try (JdkClient client = JdkClient.connect(http, URI.create("ws://localhost:" + port + "/spring-ws"), new String[0])) {
            client.ws().sendText("hello", true).join();
            assertThat(client.nextText()).isEqualTo("jsr356:hello");
        }
    }

    @Test
    @DisplayName("Our own endpoint in the same application still answers")
    void ourEndpointStillServed() throws Exception {
        try (JdkClient client = JdkClient.connect(http, URI.create("ws://localhost:" + port + "/echo"), new String[0])) {
            client.ws().sendText("hello", true).join();
            assertThat(client.nextText()).isEqualTo("hello");
        }
    }

    @Test
    @DisplayName("An upgrade to a path no stack serves gets the application's own answer (here 404 from the servlet at /)")
    void unservedPathLeftToTheApplication() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            RawWebSocketClient.Head head = raw.request(RawWebSocketClient.upgradeRequest(port, "/nowhere"));
            assertThat(head.status()).isEqualTo(404);
        }
    }
}
