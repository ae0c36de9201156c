package io.wsstack.proxy.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made once per JVM with the
 * JDK's {@code keytool}, in a PKCS12 store that serves as the TLS upstream's key store and as the
 * proxy's trust store.
 */
final class TestCertificate {

    static final String PASSWORD = "changeit";

    private static Path store;

    private TestCertificate() {
    }

    static synchronized Path store() {
        if (store == null) {
            try {
                Path dir = Files.createTempDirectory("ws-proxy-tls");
                Path file = dir.resolve("localhost.p12");
                Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                        "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", PASSWORD)
                        .redirectErrorStream(true).start();
                if (!keytool.waitFor(30, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                    throw new IllegalStateException("keytool failed: " + new String(keytool.getInputStream().readAllBytes()));
                }
                file.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                store = file;
            } catch (IOException e) {
                throw new IllegalStateException("cannot create the test certificate", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return store;
    }
}
