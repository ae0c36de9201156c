package io.wsstack.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * TLS for end-to-end tests that serve over {@code https}/{@code wss}: one self-signed key store for
 * localhost per test JVM (the JDK's keytool takes a second or two, so it runs once), and a client
 * context that trusts it. Shared by the servlet and Reactor Netty modules' tests (the latter through
 * this module's test jar).
 */
public final class TestTls {

    /** Password of the key store and of its key. */
    public static final String PASSWORD = "changeit";

    private static Path keyStore;

    private TestTls() {
    }

    /** A PKCS12 key store with an EC certificate for {@code localhost} and {@code 127.0.0.1}, valid two days. */
    public static synchronized Path keyStore() throws Exception {
        if (keyStore == null) {
            Path dir = Files.createTempDirectory("wsstack-test-tls");
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
            keyStore = store;
        }
        return keyStore;
    }

    /** Serves the test application over TLS with {@link #keyStore()}. */
    public static void serveOverTls(DynamicPropertyRegistry registry) throws Exception {
        Path store = keyStore();
        registry.add("server.ssl.key-store", () -> store.toUri().toString());
        registry.add("server.ssl.key-store-password", () -> PASSWORD);
        registry.add("server.ssl.key-store-type", () -> "PKCS12");
    }

    /** A client context that accepts any server certificate: these peers check frames, not trust. */
    public static SSLContext trustAll() throws Exception {
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
