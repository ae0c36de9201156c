package io.wsstack.autoconfigure.engine;

import io.wsstack.autoconfigure.WsEngineSettings;
import io.wsstack.core.ConnectionSettings;
import io.wsstack.spring.WsHandler;
import io.wsstack.testsupport.WithoutSecurity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link WsEngineSettings} bean of the application replaces the one computed from {@code ws.*}
 * ({@code @ConditionalOnMissingBean}); its limits must be the ones the sessions enforce.
 * The properties allow 64 KiB messages, the application's engine settings 16 bytes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = UserEngineSettingsE2eTest.App.class,
        properties = {"ws.endpoints.echo.path=/echo", "ws.endpoints.echo.max-message-size=64KB", WithoutSecurity.PROPERTY})
class UserEngineSettingsE2eTest {

    static final int USER_LIMIT = 16;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Echo.class)
    static class App {

        @Bean
        WsEngineSettings userEngineSettings() {
            return new WsEngineSettings(Map.of("echo", ConnectionSettings.builder()
                    .maxFrameSize(USER_LIMIT).maxMessageSize(USER_LIMIT).build()));
        }
    }

    @Component
    static class Echo {
        @WsHandler("echo")
        String onMessage(String text) {
            return text;
        }
    }

    @LocalServerPort
    private int port;

    @Test
    @DisplayName("RFC 6455 §7.4.1: the application's WsEngineSettings reach the session: a message over its limit closes 1009")
    void userEngineSettingsAreEnforced() throws Exception {
        Peer peer = new Peer();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + "/echo"), peer).get(10, TimeUnit.SECONDS);

        ws.sendText("x".repeat(USER_LIMIT), true).join();
        assertThat(peer.text.get(10, TimeUnit.SECONDS)).hasSize(USER_LIMIT);

        ws.sendText("x".repeat(USER_LIMIT + 1), true).join();
        assertThat(peer.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
    }

    static final class Peer implements WebSocket.Listener {
        final CompletableFuture<String> text = new CompletableFuture<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.complete(data.toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }
    }
}
