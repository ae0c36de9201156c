package io.wsstack.sample;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's {@code /echo} is what conformance tools are pointed at, so its settings must let the
 * Autobahn suite's largest fragmentation cases through: 9.3.1 / 9.4.1 send a 4 MiB message in
 * 64-byte fragments, i.e. 65,536 frames for one message (RFC 6455 §5.4).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleEchoFragmentsTest {

    private static final int MESSAGE = 4 * 1024 * 1024;
    private static final int FRAGMENT = 64;

    @LocalServerPort
    private int port;

    @Test
    @DisplayName("Autobahn 9.4.1 / RFC 6455 §5.4: a 4 MiB binary message in 64-byte fragments is echoed whole")
    void fourMebibytesIn64ByteFragmentsEchoed() throws Exception {
        byte[] payload = new byte[MESSAGE];
        new Random(94).nextBytes(payload);
        Collector collector = new Collector();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + "/echo"), collector).get(10, TimeUnit.SECONDS);

        for (int offset = 0; offset < MESSAGE; offset += FRAGMENT) {
            ws.sendBinary(ByteBuffer.wrap(payload, offset, FRAGMENT), offset + FRAGMENT == MESSAGE).join();
        }

        byte[] echoed = collector.message.get(60, TimeUnit.SECONDS);
        assertThat(echoed).hasSize(MESSAGE).isEqualTo(payload);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }

    /** Assembles one binary message; a close before it is a failure with the close code. */
    static final class Collector implements WebSocket.Listener {
        final CompletableFuture<byte[]> message = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            buffer.writeBytes(chunk);
            if (last) {
                message.complete(buffer.toByteArray());
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            message.completeExceptionally(new AssertionError("closed with " + statusCode + " " + reason));
            return null;
        }
    }
}
