package io.wsstack.client.bomb;

import io.wsstack.client.WsClient;
import io.wsstack.client.WsClientListener;
import io.wsstack.client.WsClientSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent compressed bombs against a server with a small heap: 24 connections each send one
 * 8 MiB text message that permessage-deflate shrinks to about 8 KB on the wire, within the
 * endpoint's 8 MiB message limit, to the starter's echo endpoint on Tomcat in a JVM of its own
 * with {@code -Xmx128m} (192 MiB of messages against 128 MiB of heap; the case was 384 MiB
 * against 512 MiB). Without a shared budget this exhausts the heap (OutOfMemoryError in the
 * engine, echoes lost). Now each message is either echoed intact or refused with 1013 (try again
 * later), and the server stays healthy.
 */
class CompressedBombTest {

    private static final int CONNECTIONS = 24;
    private static final int MESSAGE = 8 << 20;
    private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

    private Process server;
    private final List<String> serverOutput = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private int startServer() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        server = new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), BombEchoServer.class.getName(),
                "--server.port=0", "--spring.main.banner-mode=off",
                "--ws.endpoints.echo.path=/echo",
                "--ws.endpoints.echo.max-message-size=8MB",
                "--ws.endpoints.echo.max-send-buffer=16MB")
                .redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    serverOutput.add(line);
                    Matcher m = STARTED.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the server ended
            }
            port.completeExceptionally(new IllegalStateException("server ended before it started: " + serverOutput));
        }, "bomb-server-output");
        reader.setDaemon(true);
        reader.start();
        return port.get(120, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("RFC 7692 bombs, RFC 6455 §7.4.1 (1013): 24 concurrent 8 MiB compressed messages under -Xmx128m: each echoed intact or refused with 1013; the server stays healthy")
    void concurrentCompressedBombs() throws Exception {
        int port = startServer();
        byte[] message = "a".repeat(MESSAGE).getBytes(StandardCharsets.US_ASCII);
        byte[] frame = RawDeflateBomber.compressedTextFrame(message);
        assertThat(frame.length).as("small on the wire").isLessThan(MESSAGE / 500);
        List<RawDeflateBomber> bombers = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                bombers.add(new RawDeflateBomber(port));
            }
            // All at once, as many clients would: the server assembles them concurrently.
            for (RawDeflateBomber bomber : bombers) {
                bomber.send(frame);
            }
            int echoed = 0;
            for (RawDeflateBomber bomber : bombers) {
                RawDeflateBomber.Answer answer = bomber.read(MESSAGE);
                if (answer.echo() != null) {
                    assertThat(Arrays.equals(answer.echo(), message)).as("an accepted message is echoed intact").isTrue();
                    echoed++;
                } else {
                    assertThat(answer.closeCode()).as("a refused message is refused with 1013").isEqualTo(1013);
                }
            }
            assertThat(echoed).as("messages within the budget are served").isPositive();
            System.out.println("compressed bombs: " + echoed + " echoed intact, " + (CONNECTIONS - echoed) + " refused with 1013");
        } finally {
            for (RawDeflateBomber bomber : bombers) {
                bomber.close();
            }
        }

        // Healthy afterwards: a new session is served at once.
        try (WsClient client = WsClient.builder().build()) {
            CompletableFuture<String> answer = new CompletableFuture<>();
            WsClientSession probe = client.connect(URI.create("ws://127.0.0.1:" + port + "/echo"), new WsClientListener() {
                @Override
                public void onText(WsClientSession session, String text) {
                    answer.complete(text);
                }
            }).get(30, TimeUnit.SECONDS);
            probe.sendText("still there?");
            assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo("still there?");
        }
        assertThat(server.isAlive()).isTrue();
        assertThat(serverOutput).noneMatch(line -> line.contains("OutOfMemoryError"));
    }
}
