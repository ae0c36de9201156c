package io.wsstack.client;

import io.wsstack.core.CloseCodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;

import static io.wsstack.client.RecordingListener.WAIT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code wss://} (RFC 6455 §3, §4.1 item 5 of the client requirements: TLS before the handshake)
 * against an {@code SSLServerSocket} echo built on the engine's plain server ({@link TlsEchoServer}),
 * with a self-signed certificate for 127.0.0.1.
 */
class SecureWebSocketTest {

    private static TlsEchoServer server;

    @BeforeAll
    static void startTlsEchoServer() throws Exception {
        server = TlsEchoServer.start();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    @DisplayName("RFC 6455 §4.1: wss with a trusted certificate: TLS, then the upgrade, then compressed echo and 1000")
    void secureEcho() throws Exception {
        try (WsClient client = WsClient.builder().sslContext(server.clientContext()).build()) {
            RecordingListener listener = new RecordingListener();
            WsClientSession session = client.connect(server.uri("/secure"), listener).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(session.deflate()).isNotNull();

            session.sendText("over tls ".repeat(100));
            assertThat(listener.nextText()).isEqualTo("over tls ".repeat(100));
            assertThat(session.close().get(WAIT_SECONDS, TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.NORMAL_CLOSURE);
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.1: wss to a server whose certificate is not trusted fails before any HTTP is sent")
    void untrustedCertificateRefused() {
        try (WsClient client = WsClient.builder().build()) {
            var attempt = client.connect(server.uri("/secure"), new RecordingListener());
            assertThatThrownBy(() -> attempt.get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SSLHandshakeException.class);
        }
    }
}
