package io.wsstack.client;

import io.wsstack.core.WebSocketMessage;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.core.deflate.DeflateOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the client example of the README against an echo server, and checks that the README still
 * shows exactly this code (the lines between the {@code readme:begin} and {@code readme:end} markers).
 */
class ReadmeClientExampleTest {

    @Test
    @DisplayName("The README's client example compiles, runs and gets its echo and a 1000 close (RFC 6455 §7.1.2)")
    void readmeExampleRuns() throws Exception {
        try (RawServer server = new RawServer(socket -> {
            RawServer.Peer peer = new RawServer.Peer(socket, DeflateOptions.defaults());
            for (WebSocketMessage m = peer.next(); m.type() != WebSocketMessage.Type.CLOSE; m = peer.next()) {
                if (m.type() == WebSocketMessage.Type.TEXT) {
                    peer.write(peer.engine.sendText(m.text()));
                }
            }
        })) {
            URI uri = server.uri("/echo");
            String token = "t0ken";
            BlockingQueue<String> replies = new LinkedBlockingQueue<>();

            // readme:begin
            WsClient client = WsClient.builder()
                    .pingInterval(Duration.ofSeconds(30))      // keepalive; idleTimeout, closeTimeout, sslContext, ...
                    .build();                                  // thread-safe: one for many sessions
            WsClientListener listener = new WsClientListener() {
                @Override
                public void onText(WsClientSession session, String text) {
                    replies.add(text);                         // on the session's reader thread, in order
                }
            };
            WsClientSession session = client.connect(uri, WsClientRequest.builder(listener)
                            .header("Origin", "https://app.example")
                            .header("Authorization", "Bearer " + token)
                            .build())
                    .get(10, TimeUnit.SECONDS);                // a 403 fails with HandshakeFailedException, status 403

            session.sendText("Hello, WebSocket!");             // a CompletableFuture, done once written
            String reply = replies.poll(10, TimeUnit.SECONDS);
            WsCloseStatus status = session.close(1000, "bye").get(10, TimeUnit.SECONDS);
            client.close();
            // readme:end

            assertThat(reply).isEqualTo("Hello, WebSocket!");
            assertThat(status.code()).isEqualTo(1000);
            assertThat(session.deflate()).isNotNull();
        }
    }

    @Test
    @DisplayName("README.md shows the client example above, line for line")
    void readmeShowsThisExample() throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (!Files.exists(root.resolve("README.md"))) {
            root = root.getParent();
        }
        String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
        Path source = root.resolve("ws-client/src/test/java/io/wsstack/client/ReadmeClientExampleTest.java");
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        int begin = lines.indexOf("            // readme:begin");
        int end = lines.indexOf("            // readme:end");
        String example = lines.subList(begin + 1, end).stream()
                .map(line -> line.length() >= 12 ? line.substring(12) : line.strip())
                .collect(Collectors.joining("\n"));

        assertThat(readme).contains(example);
    }
}
