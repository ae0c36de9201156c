package io.wsstack.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transport against other implementations' clients: Node {@code ws} and Python
 * {@code websockets}, which send their upgrade request without {@code Content-Length}, as browsers
 * do. Subclasses name the container they run on.
 */
@SpringBootTest(classes = E2eApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractInteropE2eTest {

    @LocalServerPort
    int port;

    @Autowired
    RecordingObserver observer;

    private String url(String path) {
        return "ws://localhost:" + port + path;
    }

    @ParameterizedTest
    @EnumSource(InteropClient.class)
    @DisplayName("RFC 6455 §5.6: text echo")
    void text(InteropClient client) throws Exception {
        assertThat(client.run(url("/echo"), "text")).contains("text=hello from " + client.name().toLowerCase());
    }

    @ParameterizedTest
    @EnumSource(InteropClient.class)
    @DisplayName("RFC 6455 §5.6: binary echo")
    void binary(InteropClient client) throws Exception {
        assertThat(client.run(url("/echo"), "binary")).contains("binary=010203fa isBinary=true");
    }

    @ParameterizedTest
    @EnumSource(InteropClient.class)
    @DisplayName("RFC 6455 §5.4: a fragmented message arrives whole")
    void fragmented(InteropClient client) throws Exception {
        assertThat(client.run(url("/echo"), "fragmented")).contains("text=fragmented");
    }

    @ParameterizedTest
    @EnumSource(InteropClient.class)
    @DisplayName("RFC 7692: permessage-deflate is negotiated and a compressed message round-trips")
    void compressed(InteropClient client) throws Exception {
        var lines = client.run(url("/echo"), "compressed");
        assertThat(lines).contains("echoed=true");
        assertThat(lines).anyMatch(l -> l.startsWith("extensions=") && l.contains("permessage-deflate"));
        assertThat(observer.opened).contains("echo:true");
    }

    @ParameterizedTest
    @EnumSource(InteropClient.class)
    @DisplayName("RFC 7692: a broadcast reaches a compressing session through its own deflater")
    void compressedBroadcast(InteropClient client) throws Exception {
        var lines = client.run(url("/chat"), "compressed");
        assertThat(lines).contains("echoed=true");
        assertThat(lines).anyMatch(l -> l.startsWith("extensions=") && l.contains("permessage-deflate"));
    }

    @ParameterizedTest
    @EnumSource(InteropClient.class)
    @DisplayName("Path template /rooms/{room}: the room variable reaches the session")
    void room(InteropClient client) throws Exception {
        assertThat(client.run(url("/rooms/red"), "room")).contains("text=red:x");
    }

    @ParameterizedTest
    @EnumSource(InteropClient.class)
    @DisplayName("RFC 6455 §4.2.2: the first client subprotocol the endpoint supports is selected")
    void subprotocol(InteropClient client) throws Exception {
        assertThat(client.run(url("/echo"), "subprotocol")).contains("protocol=chat.v2");
    }
}
