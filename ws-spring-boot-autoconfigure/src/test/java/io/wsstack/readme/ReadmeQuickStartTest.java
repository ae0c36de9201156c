package io.wsstack.readme;

import io.wsstack.spring.PathVar;
import io.wsstack.spring.WsHandler;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import io.wsstack.testsupport.WithoutSecurity;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Add it to your service" guide, as written: one property, one annotated method, and
 * a real client gets the answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = ReadmeQuickStartTest.App.class, properties = {"ws.endpoints.chat.path=/chat/{room}", WithoutSecurity.PROPERTY})
class ReadmeQuickStartTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Chat.class)
    static class App {
    }

    @Component
    static class Chat {
        @WsHandler("chat")
        String onMessage(String text, @PathVar("room") String room) {
            return room + ": " + text;            // sent back to the sender as a text message
        }
    }

    @LocalServerPort
    private int port;

    @Test
    @DisplayName("README quick start: a text message to /chat/lobby comes back as 'lobby: <text>'")
    void quickStartWorks() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + "/chat/lobby"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        reply.complete(data.toString());
                        return null;
                    }
                }).join();

        ws.sendText("hello", true).join();

        assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("lobby: hello");
    }

    @Test
    @DisplayName("README.md shows this handler and property, as written here")
    void readmeShowsThisGuide() throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (!Files.exists(root.resolve("README.md"))) {
            root = root.getParent();
        }
        String readme = Files.readString(root.resolve("README.md"));

        assertThat(readme).contains("ws.endpoints.chat.path=/chat/{room}")
                .contains("""
                            @WsHandler("chat")
                            String onMessage(String text, @PathVar("room") String room) {
                                return room + ": " + text;            // sent back to the sender as a text message
                            }
                        """);
    }
}
