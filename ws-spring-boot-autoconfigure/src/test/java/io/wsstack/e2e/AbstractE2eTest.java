package io.wsstack.e2e;

import io.wsstack.spring.WsSessionRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the end-to-end tests share: the test application on a random port, the recording observer,
 * the session registry, and clients. Subclasses name the container they run on.
 */
@SpringBootTest(classes = E2eApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractE2eTest {

    @LocalServerPort
    int port;

    @Autowired
    RecordingObserver observer;

    @Autowired
    WsSessionRegistry sessions;

    final HttpClient http = HttpClient.newHttpClient();

    /** The container this test runs on, with its quirks. */
    abstract ContainerQuirks container();

    URI uri(String path) {
        return URI.create("ws://localhost:" + port + path);
    }

    JdkClient jdk(String path, String... subprotocols) throws Exception {
        return JdkClient.connect(http, uri(path), subprotocols);
    }

    /** A raw client after a successful handshake to {@code path}; a positive receive buffer shrinks its socket's. */
    RawWebSocketClient openRaw(String path, int receiveBuffer) throws Exception {
        RawWebSocketClient raw = RawWebSocketClient.connect(port, receiveBuffer);
        RawWebSocketClient.Head head = raw.request(RawWebSocketClient.upgradeRequest(port, path));
        assertThat(head.status()).isEqualTo(101);
        return raw;
    }
}
