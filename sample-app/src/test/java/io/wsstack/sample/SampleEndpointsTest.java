package io.wsstack.sample;

import io.wsstack.sample.chat.ChatEvent;
import io.wsstack.sample.chat.ChatMessage;
import io.wsstack.test.WsTestClient;
import io.wsstack.test.WsTestSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample's endpoints and page: the page through the JDK's HTTP client, the endpoints through {@link WsTestClient}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sample.feed.interval=200ms")
class SampleEndpointsTest {

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();

    /** A WebSocket client for this application's port, from ws-spring-boot-test. */
    @Autowired
    private WsTestClient ws;

    @Test
    @DisplayName("The page is served at / next to the endpoints")
    void pageIsServed() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("wsstack sample").contains("app.js");
    }

    @Test
    @DisplayName("/echo returns text and binary messages unchanged")
    void echo() {
        try (WsTestSession echo = ws.open("/echo")) {
            echo.sendText("ping?").expectText("ping?");
            echo.sendBinary(new byte[1000]).expectBinary(new byte[1000]);
            assertThat(echo.closeNormally().code()).isEqualTo(1000);
        }
    }

    @Test
    @DisplayName("/chat/{room}: a line said in a room reaches everyone who joined that room, and no other room")
    void chatRooms() {
        try (WsTestSession ada = ws.open("/chat/lobby"); WsTestSession bob = ws.open("/chat/lobby");
                WsTestSession eve = ws.open("/chat/elsewhere")) {
            ada.sendJson(new ChatMessage("join", "ada", null))
                    .expectJson(ChatEvent.class, e -> assertThat(e).extracting("type", "nick").containsExactly("joined", "ada"));
            bob.sendJson(new ChatMessage("join", "bob", null));
            // A broadcast under way while bob joined may reach him too, so join notices can come in either order.
            assertThat(ada.awaitText(text -> text.contains("\"nick\":\"bob\""))).contains("\"type\":\"joined\"");
            assertThat(bob.awaitText(text -> text.contains("\"nick\":\"bob\""))).contains("\"type\":\"joined\"");
            eve.sendJson(new ChatMessage("join", "eve", null))
                    .expectJson(ChatEvent.class, e -> assertThat(e.nick()).isEqualTo("eve"));

            ada.sendJson(new ChatMessage("say", null, "hello"));

            assertThat(bob.awaitText(text -> text.contains("\"type\":\"message\""))).contains("\"text\":\"hello\"");
            assertThat(ada.awaitText(text -> text.contains("\"type\":\"message\""))).contains("\"text\":\"hello\"");
            eve.expectNothingFor(Duration.ofMillis(300));
        }
    }

    @Test
    @DisplayName("/chat/{room}: the handshake interceptor refuses a room name that is not a plain word with 400")
    void chatRoomNameChecked() {
        ws.connect("/chat/no%20spaces").expectRefused(400);
        try (WsTestSession chat = ws.open("/chat/fine-room_1")) {
            chat.sendJson(new ChatMessage("join", "ada", null))
                    .expectJson(ChatEvent.class, e -> assertThat(e.type()).isEqualTo("joined"));
        }
    }

    @Test
    @DisplayName("/chat/{room}: saying something before joining is answered with an error event")
    void chatRequiresJoin() {
        try (WsTestSession chat = ws.open("/chat/lobby")) {
            chat.sendJson(new ChatMessage("say", null, "hello")).expectJson(ChatEvent.class, event -> {
                assertThat(event.type()).isEqualTo("error");
                assertThat(event.text()).contains("join with a nickname first");
            });
        }
    }

    @Test
    @DisplayName("/feed pushes a snapshot on open and then one per tick")
    void feed() {
        try (WsTestSession feed = ws.open("/feed")) {
            feed.expectText(first -> assertThat(first).contains("\"quotes\"").contains("ACME"));
            feed.expectText(second -> assertThat(second).contains("\"seq\""));
        }
    }
}
