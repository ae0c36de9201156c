package io.wsstack.core.plain;

import io.wsstack.core.ClientEngine;
import io.wsstack.core.WebSocketMessage;
import io.wsstack.core.ServerEngine;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.handshake.ServerHandshake;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the plain engine example that the README shows, and checks that the README still shows
 * exactly this code (the lines between the {@code readme:begin} and {@code readme:end} markers).
 */
class ReadmeExampleTest {

    @Test
    @DisplayName("The README's plain engine example compiles, runs and says what the README claims")
    void readmeExampleRuns() {
        // readme:begin
        ClientEngine client = new ClientEngine();
        ServerEngine server = new ServerEngine();
        client.requestPerMessageDeflate(DeflateOptions.defaults());
        server.enablePerMessageDeflate(DeflateOptions.defaults());

        // Client → server: the upgrade request. Server → client: 101 Switching Protocols.
        byte[] request = client.createHandshake("example.com", "/chat").addProtocol("chat").build();
        ServerHandshake handshake = server.parseHandshake(request);
        if (handshake.requestedProtocols().contains("chat")) {
            server.selectProtocol("chat");
        }
        client.validateHandshakeResponse(server.acceptHandshake(handshake));

        // Messages become frames (masked and compressed from the client) and frames become messages.
        byte[] frame = client.sendText("Hello, WebSocket!");
        WebSocketMessage received = server.processFrame(frame);   // null until a whole message arrived
        byte[] reply = server.sendText("echo: " + received.text());
        WebSocketMessage answer = client.processFrame(reply);

        // A ping is answered for you: the pong waits in takeOutput().
        server.processFrame(client.sendPing("tick"));
        WebSocketMessage pong = client.processFrame(server.takeOutput());

        byte[] close = client.sendClose(1000, "Goodbye");
        WebSocketMessage closed = server.processFrame(close);      // the echo waits in server.takeOutput()
        // readme:end

        assertThat(client.getAcceptedProtocol()).isEqualTo("chat");
        assertThat(client.compressionAccepted()).isTrue();
        assertThat(answer.text()).isEqualTo("echo: Hello, WebSocket!");
        assertThat(pong.type()).isEqualTo(WebSocketMessage.Type.PONG);
        assertThat(pong.text()).isEqualTo("tick");
        assertThat(closed.closeCode()).isEqualTo(1000);
        assertThat(client.processFrame(server.takeOutput()).closeCode()).isEqualTo(1000);
    }

    @Test
    @DisplayName("README.md shows the example above, line for line")
    void readmeShowsThisExample() throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (!Files.exists(root.resolve("README.md"))) {
            root = root.getParent();
        }
        String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
        Path source = root.resolve("ws-core/src/test/java/io/wsstack/core/plain/ReadmeExampleTest.java");
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        int begin = lines.indexOf("        // readme:begin");
        int end = lines.indexOf("        // readme:end");
        String example = lines.subList(begin + 1, end).stream()
                .map(line -> line.length() >= 8 ? line.substring(8) : line.strip())
                .collect(Collectors.joining("\n"));

        assertThat(readme).contains(example);
    }
}
