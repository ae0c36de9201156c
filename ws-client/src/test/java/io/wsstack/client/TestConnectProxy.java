package io.wsstack.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small but real HTTP CONNECT proxy for tests (RFC 9110 §9.3.6): it reads the CONNECT request,
 * checks {@code Proxy-Authorization: Basic} when credentials are set (407 otherwise), connects to the
 * target, answers 200 and then copies bytes both ways until either side closes. It records every
 * request head, so tests can see what went through it.
 */
final class TestConnectProxy implements AutoCloseable {

    private final ServerSocket serverSocket;
    private final String expectedAuthorization;
    final List<String> requestHeads = new CopyOnWriteArrayList<>();

    /** A proxy that requires these Basic credentials, or none when {@code user} is null. */
    TestConnectProxy(String user, String password) throws IOException {
        this.expectedAuthorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::acceptLoop, "test-proxy");
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    HttpProxy asProxy() {
        return HttpProxy.of("127.0.0.1", port());
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket client = serverSocket.accept();
                daemon(() -> tunnel(client), "test-proxy-connection");
            } catch (IOException e) {
                return;
            }
        }
    }

    private void tunnel(Socket client) {
        try (client) {
            String head = readHead(client.getInputStream());
            requestHeads.add(head);
            String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
            OutputStream toClient = client.getOutputStream();
            if (!requestLine[0].equals("CONNECT")) {
                toClient.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            if (expectedAuthorization != null && !head.contains("\r\nProxy-Authorization: " + expectedAuthorization + "\r\n")) {
                toClient.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                return;
            }
            String target = requestLine[1];
            int colon = target.lastIndexOf(':');
            try (Socket server = new Socket(target.substring(0, colon).replace("[", "").replace("]", ""),
                    Integer.parseInt(target.substring(colon + 1)))) {
                toClient.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                toClient.flush();
                Thread up = daemon(() -> copy(client, server), "test-proxy-up");
                copy(server, client);
                up.join(5000);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the test asserts what the client saw
        }
    }

    /** Copies until end of stream, then half-closes the other side so that its reader ends too. */
    private static void copy(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            try {
                to.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client left before the end of its request head");
            }
            head.write(b);
            boolean expected = (matched % 2 == 0) ? b == '\r' : b == '\n';
            matched = expected ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
    }
}
