package io.wsstack.client;

import io.wsstack.core.deflate.DeflateOptions;

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
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A {@code wss} echo server for tests (text and binary, permessage-deflate when the client offers it)
 * with a self-signed certificate for 127.0.0.1, and a client TLS context that trusts it. The
 * certificate is made once per JVM by {@code keytool} (a few seconds on a busy machine), so every
 * test class that needs TLS shares it.
 */
final class TlsEchoServer implements AutoCloseable {

    private static final char[] PASSWORD = "changeit".toCharArray();

    /** The key store with the certificate, made on first use. */
    private static KeyStore keyStore;

    private final SSLServerSocket serverSocket;
    private final SSLContext clientContext;
    /** When set, every upgrade is answered with a 302 to this location instead of 101. */
    volatile String redirectTo;

    private TlsEchoServer(SSLServerSocket serverSocket, SSLContext clientContext) {
        this.serverSocket = serverSocket;
        this.clientContext = clientContext;
    }

    static TlsEchoServer start() throws Exception {
        KeyStore store = keyStore();
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(keys.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, trust.getTrustManagers(), null);
        SSLServerSocket socket = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        TlsEchoServer echo = new TlsEchoServer(socket, client);
        Thread acceptor = new Thread(echo::acceptLoop, "tls-echo-server");
        acceptor.setDaemon(true);
        acceptor.start();
        return echo;
    }

    private static synchronized KeyStore keyStore() throws Exception {
        if (keyStore == null) {
            Path dir = Files.createTempDirectory("ws-client-tls");
            Path file = dir.resolve("tls-echo.p12");
            Process keytool = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", file.toString(),
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, PASSWORD);
            }
            Files.delete(file);
            Files.delete(dir);
            keyStore = store;
        }
        return keyStore;
    }

    /** A URI of this server with {@code path}. */
    URI uri(String path) {
        return URI.create("wss://127.0.0.1:" + port() + path);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** A TLS context that trusts this server's certificate. */
    SSLContext clientContext() {
        return clientContext;
    }

    private void acceptLoop() {
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

    private void echo(Socket socket) {
        try (socket) {
            String location = redirectTo;
            if (location != null) {
                RawServer.readRequest(socket.getInputStream());
                socket.getOutputStream().write(("HTTP/1.1 302 Found\r\nLocation: " + location
                        + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                return;
            }
            new RawServer.Peer(socket, DeflateOptions.defaults()).echoUntilClose();
        } catch (IOException | RuntimeException e) {
            // a refused TLS handshake ends here; the client side asserts what happened
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
    }
}
