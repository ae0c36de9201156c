package io.wsstack.e2e;

import io.wsstack.spring.WsSessionRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The transport on a real port with real clients: the JDK's WebSocket client for what a
 * well-behaved peer does, a raw socket for what it must not. Each container runs the same set.
 */
@SpringBootTest(classes = E2eApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractTransportE2eTest {

    @LocalServerPort
    int port;

    @Autowired
    RecordingObserver observer;

    @Autowired
    WsSessionRegistry sessions;

    private final HttpClient http = HttpClient.newHttpClient();

    URI uri(String path) {
        return URI.create("ws://localhost:" + port + path);
    }

    private JdkClient jdk(String path, String... subprotocols) throws Exception {
        return JdkClient.connect(http, uri(path), subprotocols);
    }

    // ---- messages --------------------------------------------------------------------------------

    @Test
    @DisplayName("RFC 6455 §5.6: a text message is echoed (JDK client)")
    void textEcho() throws Exception {
        try (JdkClient client = jdk("/echo")) {
            client.ws().sendText("hello wsstack", true).get(5, TimeUnit.SECONDS);
            assertThat(client.nextText()).isEqualTo("hello wsstack");
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.6: a binary message is echoed (JDK client)")
    void binaryEcho() throws Exception {
        try (JdkClient client = jdk("/echo")) {
            byte[] data = {0, 1, 2, (byte) 0xFF, 127};
            client.ws().sendBinary(ByteBuffer.wrap(data), true).get(5, TimeUnit.SECONDS);
            assertThat(client.nextBinary()).containsExactly(data);
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.4: a message sent in fragments arrives whole (JDK client)")
    void fragmentedMessage() throws Exception {
        try (JdkClient client = jdk("/echo")) {
            client.ws().sendText("frag", false).get(5, TimeUnit.SECONDS);
            client.ws().sendText("men", false).get(5, TimeUnit.SECONDS);
            client.ws().sendText("ted", true).get(5, TimeUnit.SECONDS);
            assertThat(client.nextText()).isEqualTo("fragmented");
        }
    }

    @Test
    @DisplayName("Path template /rooms/{room}: the session sees the room variable")
    void pathVariables() throws Exception {
        try (JdkClient client = jdk("/rooms/blue")) {
            client.ws().sendText("hi", true).get(5, TimeUnit.SECONDS);
            assertThat(client.nextText()).isEqualTo("blue:hi");
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.2.2: the first subprotocol of the client's list that the endpoint supports is selected")
    void subprotocolSelection() throws Exception {
        try (JdkClient client = jdk("/echo", "chat.v1", "chat.v2")) {
            assertThat(client.ws().getSubprotocol()).isEqualTo("chat.v2");
        }
    }

    @Test
    @DisplayName("Broadcast: every session of the endpoint receives the message")
    void broadcast() throws Exception {
        try (JdkClient a = jdk("/chat"); JdkClient b = jdk("/chat")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> sessions.sessions("chat").size() == 2);
            a.ws().sendText("to all", true).get(5, TimeUnit.SECONDS);
            assertThat(a.nextText()).isEqualTo("to all");
            assertThat(b.nextText()).isEqualTo("to all");
        }
    }

    @Test
    @DisplayName("Handshake interceptor: its attributes reach the session")
    void interceptorAttributes() throws Exception {
        try (JdkClient client = JdkClient.connect(http, uri("/echo"), new String[0], "X-Tenant", "acme")) {
            client.ws().sendText("attr:tenant", true).get(5, TimeUnit.SECONDS);
            assertThat(client.nextText()).isEqualTo("acme");
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: a handler that throws closes the session with 1011")
    void handlerFailureCloses1011() throws Exception {
        try (JdkClient client = jdk("/fail")) {
            client.ws().sendText("boom", true);
            assertThat(client.closeCode()).isEqualTo(1011);
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: a handler that throws a protocol exception closes with its code (1008)")
    void handlerProtocolExceptionCloses1008() throws Exception {
        try (JdkClient client = jdk("/fail")) {
            client.ws().sendText("policy", true);
            assertThat(client.closeCode()).isEqualTo(1008);
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.1.2: a session closed by the application sends its code and reason")
    void applicationClose() throws Exception {
        try (JdkClient client = jdk("/echo")) {
            client.ws().sendText("close", true);
            assertThat(client.closeCode()).isEqualTo(4000);
            assertThat(client.closeReason()).isEqualTo("asked to");
        }
    }

    @Test
    @DisplayName("Idle timeout: a session that receives nothing is closed with 1001")
    void idleTimeout() throws Exception {
        try (JdkClient client = jdk("/idle")) {
            assertThat(client.closeCode()).isEqualTo(1001);
        }
    }

    // ---- refusals ------------------------------------------------------------------------------

    @Test
    @DisplayName("RFC 6455 §10.2: a cross-origin upgrade is refused with 403 and Connection: close")
    void crossOriginRefused() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            RawWebSocketClient.Head head = raw.request(RawWebSocketClient.upgradeRequest(port, "/echo", "Origin: http://evil.example"));
            assertThat(head.status()).isEqualTo(403);
            assertThat(head.headers().get("connection")).isEqualToIgnoringCase("close");
        }
    }

    @Test
    @DisplayName("RFC 6455 §10.2: a same-origin upgrade is accepted (101)")
    void sameOriginAccepted() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            RawWebSocketClient.Head head = raw.request(RawWebSocketClient.upgradeRequest(port, "/echo", "Origin: http://localhost:" + port));
            assertThat(head.status()).isEqualTo(101);
            assertThat(head.headers().get("sec-websocket-accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        }
    }

    @Test
    @DisplayName("Upgrade request to a path without an endpoint → 404 with Connection: close")
    void unknownPath404() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            RawWebSocketClient.Head head = raw.request(RawWebSocketClient.upgradeRequest(port, "/nowhere"));
            assertThat(head.status()).isEqualTo(404);
            assertThat(head.headers().get("connection")).isEqualToIgnoringCase("close");
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.4: Sec-WebSocket-Version other than 13 → 426 with Sec-WebSocket-Version: 13")
    void badVersion426() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            RawWebSocketClient.Head head = raw.request(RawWebSocketClient.upgradeRequest(port, "/echo", "Sec-WebSocket-Version: 8"));
            assertThat(head.status()).isEqualTo(426);
            assertThat(head.headers().get("sec-websocket-version")).isEqualTo("13");
            assertThat(head.headers().get("connection")).isEqualToIgnoringCase("close");
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1: a missing Sec-WebSocket-Key → 400 with Connection: close")
    void missingKey400() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            String head = "GET /echo HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n";
            RawWebSocketClient.Head answer = raw.request(head);
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.headers().get("connection")).isEqualToIgnoringCase("close");
        }
    }

    @Test
    @DisplayName("Handshake interceptor refusal → its status (401) with Connection: close")
    void interceptorRefusal() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            RawWebSocketClient.Head head = raw.request(RawWebSocketClient.upgradeRequest(port, "/echo", "X-Deny: yes"));
            assertThat(head.status()).isEqualTo(401);
            assertThat(head.headers().get("connection")).isEqualToIgnoringCase("close");
        }
    }

    @Test
    @DisplayName("A plain HTTP request to another path passes the handshake filter untouched")
    void plainRequestPassesThrough() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/plain")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("plain");
    }

    // ---- bad peers -----------------------------------------------------------------------------

    /** Header lines a raw client adds to an upgrade request that must succeed; see the Jetty subclass. */
    String[] upgradeWorkaroundHeaders() {
        return new String[0];
    }

    private RawWebSocketClient openRaw(String path, int receiveBuffer) throws Exception {
        RawWebSocketClient raw = RawWebSocketClient.connect(port, receiveBuffer);
        assertThat(raw.request(RawWebSocketClient.upgradeRequest(port, path, upgradeWorkaroundHeaders())).status()).isEqualTo(101);
        return raw;
    }

    @Test
    @DisplayName("RFC 6455 §5.7: a masked text frame is echoed as an unmasked one (raw socket)")
    void rawEcho() throws Exception {
        try (RawWebSocketClient raw = openRaw("/open", 0)) {
            raw.sendText("Hello");
            RawWebSocketClient.Frame frame = raw.readFrame();
            assertThat(frame.opcode()).isEqualTo(1);
            assertThat(frame.text()).isEqualTo("Hello");
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: a message one byte over the limit → 1009")
    void oversizedMessage1009() throws Exception {
        try (RawWebSocketClient raw = openRaw("/open", 0)) {
            raw.sendFrame(true, 2, new byte[E2eEndpoints.MAX_MESSAGE + 1]);
            assertThat(raw.readUntilClose().closeCode()).isEqualTo(1009);
        }
    }

    @Test
    @DisplayName("RFC 6455 §8.1: invalid UTF-8 (C0 80) in a text frame → 1007")
    void invalidUtf8Closes1007() throws Exception {
        try (RawWebSocketClient raw = openRaw("/open", 0)) {
            raw.sendFrame(true, 1, new byte[] {'a', (byte) 0xC0, (byte) 0x80});
            assertThat(raw.readUntilClose().closeCode()).isEqualTo(1007);
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.1: an unmasked client frame → 1002")
    void unmaskedFrame1002() throws Exception {
        try (RawWebSocketClient raw = openRaw("/open", 0)) {
            raw.sendUnmaskedText("hi");
            assertThat(raw.readUntilClose().closeCode()).isEqualTo(1002);
        }
    }

    @Test
    @DisplayName("Keep-alive: a peer that never answers the server's pings is closed with 1011")
    void unansweredPings1011() throws Exception {
        try (RawWebSocketClient raw = openRaw("/keepalive", 0)) {
            RawWebSocketClient.Frame first = raw.readFrame();
            assertThat(first.opcode()).isEqualTo(9);
            assertThat(raw.readUntilClose().closeCode()).isEqualTo(1011);
        }
    }

    /**
     * Whether the container drops an upgraded socket closed from a timer thread without waiting for
     * the socket's next I/O event. Jetty does; Tomcat closes it at the next read or write event, so
     * its test nudges the socket after the session has ended.
     */
    boolean dropsIdleSocketAtOnce() {
        return true;
    }

    /** Gives a container that needs one the socket event at which it releases a closed connection. */
    private void nudgeIfNeeded(RawWebSocketClient raw) {
        if (!dropsIdleSocketAtOnce()) {
            try {
                raw.sendFrame(true, 9, new byte[0]);
            } catch (java.io.IOException alreadyDropped) {
                // the socket is gone already, which is what the test wants to see
            }
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.1.1: a peer that never answers our Close is dropped after the close timeout (1006)")
    void unansweredCloseDropsConnection() throws Exception {
        try (RawWebSocketClient raw = openRaw("/idle", 0)) {
            assertThat(raw.readUntilClose().closeCode()).isEqualTo(1001);
            await().atMost(Duration.ofSeconds(10)).until(() -> observer.closed.contains("idle:1006"));
            nudgeIfNeeded(raw);
            assertThat(raw.drainUntilDropped()).isTrue();
        }
    }

    @Test
    @DisplayName("Slow consumer: a peer that stops reading is closed (1008 policy) and its queue stays within max-send-buffer")
    void slowConsumerIsClosedWithBoundedQueue() throws Exception {
        try (RawWebSocketClient raw = openRaw("/push", 4096)) {
            raw.sendText("go");
            await().atMost(Duration.ofSeconds(20)).until(() -> observer.slowConsumers.contains("push:CLOSED"));
            WsSessionRegistry.TransportSession session = E2eEndpoints.lastPushSession.get();
            // One frame header (4 bytes for these 16 KiB messages) may ride over the payload-based check.
            assertThat(session.queuedBytesHighWater()).isLessThanOrEqualTo(E2eEndpoints.PUSH_SEND_BUFFER + 4);
            await().atMost(Duration.ofSeconds(10)).until(() -> !session.isOpen() && sessions.find(session.id()).isEmpty());
            // The session leaves the registry before the observers hear of the close: wait for both.
            await().atMost(Duration.ofSeconds(10)).until(() -> observer.closed.contains("push:1006"));
            nudgeIfNeeded(raw);
            assertThat(raw.drainUntilDropped()).isTrue();
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
