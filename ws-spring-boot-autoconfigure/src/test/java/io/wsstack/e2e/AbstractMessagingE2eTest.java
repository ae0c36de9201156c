package io.wsstack.e2e;

import io.wsstack.spring.WsSessionRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Messages, sessions and handshake answers with well-behaved clients: the JDK's WebSocket client,
 * and a raw socket for requests the JDK client will not send (forbidden headers, bad versions).
 */
abstract class AbstractMessagingE2eTest extends AbstractE2eTest {

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
    @DisplayName("Handshake interceptor: the transport-neutral request view gives path, decoded query and the server's own request")
    void interceptorRequestView() throws Exception {
        try (JdkClient client = JdkClient.connect(http, uri("/rooms/blue?t=a%20b&t=c"), new String[0], "X-Tenant", "acme")) {
            client.ws().sendText("x", true).get(5, TimeUnit.SECONDS);
            assertThat(client.nextText()).isEqualTo("blue:x");
        }
        try (JdkClient client = JdkClient.connect(http, uri("/echo?t=a%20b&t=c"), new String[0], "X-Tenant", "acme")) {
            client.ws().sendText("attr:view", true).get(5, TimeUnit.SECONDS);
            assertThat(client.nextText()).isEqualTo("/echo|a b|[a b, c]|[acme]|native");
        }
    }

    @Test
    @DisplayName("Spring Security authenticates the upgrade request and its principal reaches the session")
    void principalReachesSession() throws Exception {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("alice:secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (JdkClient client = JdkClient.connect(http, uri("/secure/echo"), new String[0], "Authorization", basic)) {
            client.ws().sendText("principal", true).get(5, TimeUnit.SECONDS);
            assertThat(client.nextText()).isEqualTo("alice");
        }
    }

    @Test
    @DisplayName("Spring Security runs before the handshake: an unauthenticated upgrade to a secured path → 401")
    void securityRefusesUnauthenticatedUpgrade() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            RawWebSocketClient.Head head = raw.request(RawWebSocketClient.upgradeRequest(port, "/secure/echo"));
            assertThat(head.status()).isEqualTo(401);
        }
    }

    @Test
    @DisplayName("The peer's remote address reaches the session")
    void remoteAddressReachesSession() throws Exception {
        try (JdkClient client = jdk("/echo")) {
            client.ws().sendText("remote", true).get(5, TimeUnit.SECONDS);
            assertThat(client.nextText()).isEqualTo("loopback=true");
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
    @DisplayName("RFC 6455 §7.4.1: an onOpen handler that throws closes the session with 1011")
    void onOpenFailureCloses1011() throws Exception {
        try (JdkClient client = jdk("/failopen")) {
            assertThat(client.closeCode()).isEqualTo(1011);
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: a close started by the client is echoed and reported with the client's code")
    void clientInitiatedClose() throws Exception {
        try (JdkClient client = jdk("/rooms/close")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !sessions.sessions("rooms").isEmpty());
            client.ws().sendClose(4001, "bye").get(5, TimeUnit.SECONDS);
            assertThat(client.closeCode()).isEqualTo(4001);
            await().atMost(Duration.ofSeconds(10)).until(() -> observer.closed.contains("rooms:4001"));
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
    @DisplayName("Upgrade request to a path without an endpoint passes down the chain: the application answers (404), no refusal of ours")
    void unknownPathLeftToTheApplication() throws Exception {
        int refusalsBefore = observer.refusals.size();
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            RawWebSocketClient.Head head = raw.request(RawWebSocketClient.upgradeRequest(port, "/nowhere"));
            assertThat(head.status()).isEqualTo(404);
        }
        assertThat(observer.refusals).hasSize(refusalsBefore);
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
    @DisplayName("RFC 6455 §4.1: an upgrade with a method other than GET → 400")
    void postUpgrade400() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            String head = RawWebSocketClient.upgradeRequest(port, "/echo", "Content-Length: 0").replaceFirst("GET", "POST");
            RawWebSocketClient.Head answer = raw.request(head);
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.headers().get("connection")).isEqualToIgnoringCase("close");
        }
    }

    @Test
    @DisplayName("RFC 6455 §9.1: a pathological Sec-WebSocket-Extensions header (over 4096 chars) → 400, never 500")
    void pathologicalExtensionsHeader400() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            String extensions = "Sec-WebSocket-Extensions: permessage-deflate" + ";a".repeat(3000);
            RawWebSocketClient.Head head = raw.request(RawWebSocketClient.upgradeRequest(port, "/echo", extensions));
            assertThat(head.status()).isEqualTo(400);
            assertThat(head.headers().get("connection")).isEqualToIgnoringCase("close");
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.1: a Sec-WebSocket-Protocol list over 4096 chars → 400, never 500")
    void pathologicalProtocolHeader400() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            StringBuilder protocols = new StringBuilder("Sec-WebSocket-Protocol: p0");
            for (int i = 1; i < 800; i++) {
                protocols.append(", p").append(i);
            }
            RawWebSocketClient.Head head = raw.request(RawWebSocketClient.upgradeRequest(port, "/echo", protocols.toString()));
            assertThat(head.status()).isEqualTo(400);
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

    @Test
    @DisplayName("A plain HTTP request (no Upgrade) to an endpoint path is left to the application")
    void plainRequestToEndpointPathPassesThrough() throws Exception {
        int refusalsBefore = observer.refusals.size();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/echo")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(observer.refusals).hasSize(refusalsBefore);
    }
}
