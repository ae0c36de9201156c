package io.wsstack.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrade requests shaped to confuse the HTTP layer: a request body, whose bytes would otherwise be
 * read as WebSocket frames (or swallowed) once the connection is upgraded.
 */
abstract class AbstractHandshakeHardeningE2eTest extends AbstractE2eTest {

    @Test
    @DisplayName("RFC 6455 §4.1 (a GET without a body) / RFC 9112 §6: Content-Length > 0 on an upgrade → 400, Connection: close")
    void contentLengthBodyRefused() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            RawWebSocketClient.Head head = raw.request(RawWebSocketClient.upgradeRequest(port, "/echo", "Content-Length: 5") + "hello");
            assertThat(head.status()).isEqualTo(400);
            assertThat(head.headers().get("connection")).isEqualToIgnoringCase("close");
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.1 / RFC 9112 §6.1: Transfer-Encoding on an upgrade → 400, Connection: close")
    void transferEncodingRefused() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            RawWebSocketClient.Head head = raw.request(RawWebSocketClient.upgradeRequest(port, "/echo", "Transfer-Encoding: chunked")
                    + "5\r\nhello\r\n0\r\n\r\n");
            assertThat(head.status()).isEqualTo(400);
            assertThat(head.headers().get("connection")).isEqualToIgnoringCase("close");
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.1: Content-Length: 0 (as the JDK client sends it) is no body: 101, and the first frame is echoed")
    void zeroContentLengthAccepted() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            RawWebSocketClient.Head head = raw.request(RawWebSocketClient.upgradeRequest(port, "/echo", "Content-Length: 0"));
            assertThat(head.status()).isEqualTo(101);
            raw.sendText("first");
            RawWebSocketClient.Frame frame = raw.readFrame();
            assertThat(frame.opcode()).isEqualTo(1);
            assertThat(new String(frame.payload(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("first");
        }
    }
}
