package io.wsstack.e2e;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;

/**
 * {@link AbstractLoopSendE2eTest} over TLS on the application's port, handlers on the event loop:
 * Netty's {@code SslHandler} sits in front of ours, so the loop's writes must go through the
 * pipeline and never straight to the socket (a frame sent past the TLS layer would break the
 * client's TLS record stream at the first echo).
 */
@SpringBootTest(classes = {ReactorNettyE2eApplication.class, AbstractLoopSendE2eTest.SmallSendBuffer.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ws.reactor-netty.event-loop-endpoints=echo")
class ReactorNettyTlsLoopSendE2eTest extends AbstractLoopSendE2eTest {

    private static final String PASSWORD = "changeit";

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) throws Exception {
        Path store = selfSignedKeyStore();
        registry.add("server.ssl.key-store", () -> store.toUri().toString());
        registry.add("server.ssl.key-store-password", () -> PASSWORD);
        registry.add("server.ssl.key-store-type", () -> "PKCS12");
    }

    @Override
    RawWebSocketClient connect() throws Exception {
        SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port), 5_000);
        socket.startHandshake();
        return RawWebSocketClient.over(socket);
    }

    private static Path selfSignedKeyStore() throws Exception {
        Path dir = Files.createTempDirectory("loop-send-tls");
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        if (!keytool.waitFor(30, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + Files.readString(dir.resolve("keytool.log")));
        }
        return store;
    }

    /** The certificate is self-signed; this peer checks frames, not trust. */
    private static SSLContext trustAll() throws Exception {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, null);
        return context;
    }
}
