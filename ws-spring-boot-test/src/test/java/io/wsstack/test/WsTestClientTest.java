package io.wsstack.test;

import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.WsHandler;
import io.wsstack.spring.WsHandshakeInterceptor;
import io.wsstack.spring.WsSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every step of {@link WsTestClient} against a real application on a random port, and the failure
 * message of each step when what arrives is not what was expected.
 */
@SpringBootTest(classes = WsTestClientTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ws.endpoints.echo.path=/echo", "ws.endpoints.echo.subprotocols=chat.v1",
                "ws.endpoints.orders.path=/orders"})
class WsTestClientTest {

    record Order(String symbol, int quantity) {
    }

    record Fill(String symbol, int quantity, double price) {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        Endpoints endpoints() {
            return new Endpoints();
        }

        /** Refuses upgrades that carry X-Deny, like an authentication check would. */
        @Bean
        WsHandshakeInterceptor deny() {
            return (request, endpoint, pathVariables, attributes) -> request.getHeader("X-Deny") != null
                    ? WsHandshakeInterceptor.Decision.refuse(403, "denied")
                    : WsHandshakeInterceptor.Decision.proceed();
        }
    }

    static class Endpoints {
        @WsHandler("echo")
        String echo(String text, WsSession session) {
            if (text.equals("kick")) {
                session.close(new WsCloseStatus(1008, "policy"));
                return null;
            }
            if (text.equals("twice")) {
                session.sendText("one");
                return "two";
            }
            return text;
        }

        @WsHandler("echo")
        byte[] echoBinary(byte[] data) {
            return data;
        }

        @WsHandler("orders")
        Fill order(Order order) {
            return new Fill(order.symbol(), order.quantity(), 10.5);
        }
    }

    @Autowired
    WsTestClient ws;

    @LocalServerPort
    int port;

    private WsTestClient quick() {
        return ws.timeout(Duration.ofMillis(300));
    }

    @Test
    @DisplayName("injected ready for the application's own port")
    void injected() {
        assertThat(ws.baseUri().toString()).isEqualTo("ws://localhost:" + port);
    }

    @Test
    @DisplayName("connect with headers and subprotocols; text round trip; normal close")
    void text() {
        try (WsTestSession chat = ws.connect("/echo").header("X-Trace", "1").subprotocol("chat.v2", "chat.v1").open()) {
            assertThat(chat.subprotocol()).isEqualTo("chat.v1");
            chat.sendText("hello").expectText("hello");
            chat.sendText("hi").expectText(text -> assertThat(text).startsWith("h"));
            assertThat(chat.closeNormally().code()).isEqualTo(1000);
        }
    }

    @Test
    @DisplayName("binary round trip")
    void binary() {
        try (WsTestSession chat = ws.open("/echo")) {
            chat.sendBinary(new byte[] {1, 2, 3}).expectBinary(new byte[] {1, 2, 3});
            chat.sendBinary(new byte[] {9}).expectBinary();
        }
    }

    @Test
    @DisplayName("an object sent as JSON, the answer decoded to a type and asserted")
    void json() {
        try (WsTestSession orders = ws.open("/orders")) {
            orders.sendJson(new Order("ACME", 3))
                    .expectJson(Fill.class, fill -> assertThat(fill).isEqualTo(new Fill("ACME", 3, 10.5)));
            assertThat(orders.sendJson(new Order("XYZ", 1)).expectJson(Fill.class).symbol()).isEqualTo("XYZ");
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: expect a close with its code (1008 policy violation)")
    void close() {
        try (WsTestSession chat = ws.open("/echo")) {
            chat.sendText("kick").expectClose(1008);
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.2.2: expect the upgrade refused with 403")
    void refused() {
        ws.connect("/echo").header("X-Deny", "yes").expectRefused(403);
    }

    @Test
    @DisplayName("failure: other text than expected, with the conversation so far")
    void wrongTextMessage() {
        try (WsTestSession chat = ws.open("/echo")) {
            chat.sendText("twice").expectText("one");
            assertThatThrownBy(() -> chat.expectText("three")).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expected text \"three\" but received text \"two\"")
                    .hasMessageContaining("session: ws://localhost:" + port + "/echo")
                    .hasMessageContaining("received before, in order: [text \"one\"]");
        }
    }

    @Test
    @DisplayName("failure: nothing arrives within the timeout")
    void timeout() {
        try (WsTestSession chat = quick().open("/echo")) {
            assertThatThrownBy(chat::expectText).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expected a text message within 300 ms but nothing arrived; the session is still open");
            assertThatThrownBy(() -> chat.expectClose(1000)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expected close 1000 within 300 ms but nothing arrived");
        }
    }

    @Test
    @DisplayName("failure: text where binary was expected, and the other way round")
    void wrongType() {
        try (WsTestSession chat = ws.open("/echo")) {
            chat.sendText("words");
            assertThatThrownBy(chat::expectBinary).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expected a binary message but received text \"words\"");
            chat.sendBinary(new byte[] {(byte) 0xca, (byte) 0xfe});
            assertThatThrownBy(() -> chat.expectText("words")).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expected a text message but received binary 2 bytes [ca fe]");
            chat.sendBinary(new byte[] {1});
            assertThatThrownBy(() -> chat.expectBinary(new byte[] {2})).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expected binary 1 bytes [02] but received binary 1 bytes [01]");
        }
    }

    @Test
    @DisplayName("failure: text that is not JSON of the type")
    void notJson() {
        try (WsTestSession chat = ws.open("/echo")) {
            chat.sendText("not json");
            assertThatThrownBy(() -> chat.expectJson(Fill.class)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expected JSON decodable to Fill but received text \"not json\"");
        }
    }

    @Test
    @DisplayName("failure: the JSON assertion itself fails with AssertJ's message")
    void jsonAssertionFails() {
        try (WsTestSession orders = ws.open("/orders")) {
            orders.sendJson(new Order("ACME", 3));
            assertThatThrownBy(() -> orders.expectJson(Fill.class, fill -> assertThat(fill.quantity()).isEqualTo(4)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("4");
        }
    }

    @Test
    @DisplayName("failure: a close with another code, a message before the close, a close before the message")
    void wrongClose() {
        try (WsTestSession chat = ws.open("/echo")) {
            chat.sendText("kick");
            assertThatThrownBy(() -> chat.expectClose(1000)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expected close 1000 but the session closed with close 1008 \"policy\"");
        }
        try (WsTestSession chat = ws.open("/echo")) {
            chat.sendText("first").sendText("kick");
            assertThatThrownBy(() -> chat.expectClose(1008)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expected close 1008 but received text \"first\" first");
        }
        try (WsTestSession chat = ws.open("/echo")) {
            chat.sendText("kick");
            assertThatThrownBy(() -> chat.expectText("x")).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expected a text message but the session closed: close 1008 \"policy\"");
        }
    }

    @Test
    @DisplayName("failure: an unexpected message during a quiet period")
    void expectNothing() {
        try (WsTestSession chat = ws.open("/echo")) {
            chat.expectNothingFor(Duration.ofMillis(100));
            chat.sendText("noise");
            assertThatThrownBy(() -> chat.expectNothingFor(Duration.ofSeconds(5))).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expected nothing for 5 s but received text \"noise\"");
        }
    }

    @Test
    @DisplayName("failure: the upgrade refused when it should succeed, and accepted when it should be refused")
    void wrongUpgradeOutcome() {
        assertThatThrownBy(() -> ws.connect("/echo").header("X-Deny", "yes").open()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected ws://localhost:" + port + "/echo to accept the WebSocket upgrade, but it answered 403");
        assertThatThrownBy(() -> ws.connect("/echo").expectRefused(403)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("to refuse the upgrade with 403, but it accepted it");
        assertThatThrownBy(() -> ws.connect("/echo").header("X-Deny", "yes").expectRefused(401)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("to refuse the upgrade with 401, but it answered 403");
    }

    @Test
    @DisplayName("the bean is added only to tests that start the embedded server")
    void onlyForEmbeddedServers() {
        WsTestClientContextCustomizerFactory factory = new WsTestClientContextCustomizerFactory();
        assertThat(factory.createContextCustomizer(WsTestClientTest.class, List.of())).isNotNull();
        assertThat(factory.createContextCustomizer(MockEnvironmentTest.class, List.of())).isNull();
        assertThat(factory.createContextCustomizer(String.class, List.of())).isNull();
    }

    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
    static class MockEnvironmentTest {
    }
}
