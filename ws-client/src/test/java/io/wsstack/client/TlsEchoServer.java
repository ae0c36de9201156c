package io.wsstack.client;

import io.wsstack.core.WebSocketMessage;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
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
 * A {@code wss} echo server for tests with a self-signed certificate for 127.0.0.1 that {@code keytool}
 * makes in a temporary folder, and a client TLS context that trusts it.
 */
final class TlsEchoServer implements AutoCloseable {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private final SSLServerSocket serverSocket;
    private final SSLContext clientContext;
    /** When set, every upgrade is answered with a 302 to this location instead of 101. */
    volatile String redirectTo;

    private TlsEchoServer(SSLServerSocket serverSocket, SSLContext clientContext) {
        this.serverSocket = serverSocket;
        this.clientContext = clientContext;
    }

    static TlsEchoServer start(Path dir) throws Exception {
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
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keyStore.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(keys.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keyStore);
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
            RawServer.Peer peer = new RawServer.Peer(socket, null);
            while (true) {
                WebSocketMessage m = peer.next();
                switch (m.type()) {
                    case TEXT -> peer.write(peer.engine.sendText(m.text()));
                    case CLOSE -> {
                        return;
                    }
                    default -> { }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client side asserts what happened
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
    }
}
