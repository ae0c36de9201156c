package io.wsstack.client;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.WebSocketMessage;
import io.wsstack.core.deflate.DeflateOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;

import static io.wsstack.client.RecordingListener.WAIT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code wss://} (RFC 6455 §3, §4.1 item 5 of the client requirements: TLS before the handshake)
 * against an {@code SSLServerSocket} echo built on the engine's plain server, with a self-signed
 * certificate for 127.0.0.1 that {@code keytool} makes for this test.
 */
class SecureWebSocketTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;
    private static KeyStore keyStore;
    private static SSLServerSocket serverSocket;

    @BeforeAll
    static void startTlsEchoServer() throws Exception {
        Path file = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();

        keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keyStore.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(keys.getKeyManagers(), null, null);
        serverSocket = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(SecureWebSocketTest::acceptLoop, "tls-echo-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterAll
    static void stop() throws IOException {
        serverSocket.close();
    }

    private static void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                Thread connection = new Thread(() -> echo(socket), "tls-echo-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Echoes text and binary until the client's Close (which the engine answers). */
    private static void echo(Socket socket) {
        try (socket) {
            RawServer.Peer peer = new RawServer.Peer(socket, DeflateOptions.defaults());
            while (true) {
                WebSocketMessage m = peer.next();
                switch (m.type()) {
                    case TEXT -> peer.write(peer.engine.sendText(m.text()));
                    case BINARY -> peer.write(peer.engine.sendBinary(m.data()));
                    case CLOSE -> {
                        return;
                    }
                    default -> { }
                }
            }
        } catch (IOException | RuntimeException e) {
            // a refused TLS handshake ends here; the client side asserts what happened
        }
    }

    private static URI uri() {
        return URI.create("wss://127.0.0.1:" + serverSocket.getLocalPort() + "/secure");
    }

    @Test
    @DisplayName("RFC 6455 §4.1: wss with a trusted certificate: TLS, then the upgrade, then compressed echo and 1000")
    void secureEcho() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keyStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);

        try (WsClient client = WsClient.builder().sslContext(context).build()) {
            RecordingListener listener = new RecordingListener();
            WsClientSession session = client.connect(uri(), listener).get(WAIT_SECONDS, TimeUnit.SECONDS);
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
            var attempt = client.connect(uri(), new RecordingListener());
            assertThatThrownBy(() -> attempt.get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SSLHandshakeException.class);
        }
    }
}
