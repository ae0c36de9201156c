package io.wsstack.spring.servlet;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tomcat's socket buffers lent to upgraded connections only while they read or write
 * ({@link TomcatIdleBuffers}, {@link LentSocketBuffers}), on a real embedded Tomcat 11 NIO connector:
 * a byte-echo protocol over {@code HttpServletRequest.upgrade} through {@link ServletStreamTransport},
 * so every byte is checked and no WebSocket framing hides a lost or reordered one.
 */
class TomcatIdleBuffersTest {

    /** The transports of the upgraded connections, in the order Tomcat called their upgrade handlers' init. */
    static final ConcurrentLinkedQueue<ServletStreamTransport> TRANSPORTS = new ConcurrentLinkedQueue<>();
    /**
     * The same transports by the client's port. The init order is not the clients' order: Tomcat
     * sends the 101 before it calls init, so under load a client that stays silent after its 101
     * may open the next connection, and that one's init may come first.
     */
    static final ConcurrentHashMap<Integer, ServletStreamTransport> BY_CLIENT_PORT = new ConcurrentHashMap<>();

    @TempDir
    Path baseDir;

    private Tomcat tomcat;
    private int port;

    @BeforeEach
    void start() throws Exception {
        TRANSPORTS.clear();
        BY_CLIENT_PORT.clear();
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(0);
        tomcat.setSilent(true);
        Context context = tomcat.addContext("", baseDir.toString());
        Tomcat.addServlet(context, "echo", new UpgradeOrCountServlet());
        context.addServletMappingDecoded("/*", "echo");
        tomcat.getConnector(); // creates the default NIO connector
        tomcat.start();
        port = tomcat.getConnector().getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    @Test
    @DisplayName("idle upgraded connections, silent from the start or after an exchange, hold neither of Tomcat's 8 KiB socket buffers")
    void idleConnectionsHoldNoBuffers() throws Exception {
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Socket s = upgrade(new byte[0]);
                clients.add(s);
                // Half of them exchange a few bytes, half stay silent from the start.
                if (i % 2 == 0) {
                    echo(s, ("hello " + i).getBytes(StandardCharsets.US_ASCII));
                }
            }
            // Tomcat sends the 101 before it calls the upgrade handler's init: the last ones may still be starting.
            await(() -> BY_CLIENT_PORT.size() == 20, () -> "upgraded connections: " + BY_CLIENT_PORT.size());
            for (int i = 0; i < clients.size(); i++) {
                LentSocketBuffers lent = lent(BY_CLIENT_PORT.get(clients.get(i).getLocalPort()));
                int n = i;
                // A connection silent from the start holds nothing; after an exchange at most the
                // small half of a readiness check that found nothing (see LentSocketBuffers).
                boolean silent = n % 2 == 1;
                await(() -> !(silent ? lent.holdsRead() : lent.holdsFullRead()) && !lent.holdsWrite(),
                        () -> "connection " + n + (silent ? " (silent)" : " (after an exchange)") + " idle, yet holds read "
                                + lent.holdsRead() + " (full " + lent.holdsFullRead() + "), write " + lent.holdsWrite());
            }
        } finally {
            closeAll(clients);
        }
    }

    @Test
    @DisplayName("a megabyte echoed to a slow reader arrives whole and in order; afterwards the buffers are back")
    void largeEchoToSlowReader() throws Exception {
        byte[] payload = new byte[1 << 20];
        new Random(11).nextBytes(payload);
        try (Socket s = upgrade(new byte[0])) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    for (int off = 0; off < payload.length; off += 10_000) {
                        out.write(payload, off, Math.min(10_000, payload.length - off));
                    }
                    out.flush();
                } catch (IOException ignored) {
                    // the read side reports the failure
                }
            });
            writer.start();
            byte[] buf = new byte[3000];
            while (got.size() < payload.length) {
                int n = in.read(buf);
                assertThat(n).isPositive();
                got.write(buf, 0, n);
                if (got.size() < 200_000) {
                    Thread.sleep(1); // slow at first, so Tomcat's writes stay pending and finish on its own thread
                }
            }
            writer.join();
            assertThat(Arrays.equals(got.toByteArray(), payload)).as("echo identical").isTrue();
            LentSocketBuffers lent = lent(TRANSPORTS.peek());
            await(() -> !lent.holdsFullRead() && !lent.holdsWrite(),
                    () -> "after the burst: read " + lent.holdsRead() + ", write " + lent.holdsWrite());
        }
    }

    @Test
    @DisplayName("bytes sent with the upgrade request (read by Tomcat before the upgrade) are echoed first")
    void bytesReadPastTheUpgradeRequest() throws Exception {
        byte[] early = "early-bytes".getBytes(StandardCharsets.US_ASCII);
        try (Socket s = upgrade(early)) {
            assertThat(readExactly(s.getInputStream(), early.length)).isEqualTo(early);
            echo(s, "later".getBytes(StandardCharsets.US_ASCII));
            LentSocketBuffers lent = lent(TRANSPORTS.peek());
            await(() -> !lent.holdsFullRead() && !lent.holdsWrite(), "buffers given back");
        }
    }

    @Test
    @DisplayName("connections upgraded on channels recycled from closed upgraded connections hold no buffer while silent, and still echo")
    void recycledChannelsHoldNoBuffersWhenIdle() throws Exception {
        for (int i = 0; i < 10; i++) {
            try (Socket s = upgrade(new byte[0])) {
                echo(s, "x".getBytes(StandardCharsets.US_ASCII));
            }
        }
        Thread.sleep(200); // let Tomcat close and recycle the channels
        TRANSPORTS.clear();
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                clients.add(upgrade(new byte[0]));
            }
            await(() -> TRANSPORTS.size() == 10, () -> "upgraded connections: " + TRANSPORTS.size());
            int n = 0;
            for (ServletStreamTransport t : TRANSPORTS) {
                LentSocketBuffers lent = lent(t);
                int k = n++;
                await(() -> !lent.holdsRead() && !lent.holdsWrite(),
                        () -> "connection " + k + " silent, yet holds read " + lent.holdsRead() + ", write " + lent.holdsWrite());
            }
            for (Socket s : clients) {
                echo(s, "still-echoing".getBytes(StandardCharsets.US_ASCII));
            }
        } finally {
            closeAll(clients);
        }
    }

    @Test
    @DisplayName("HTTP requests on channels recycled from closed upgraded connections still work")
    void recycledChannelsServeHttp() throws Exception {
        for (int i = 0; i < 10; i++) {
            try (Socket s = upgrade(new byte[0])) {
                echo(s, "x".getBytes(StandardCharsets.US_ASCII));
            }
        }
        Thread.sleep(200); // let Tomcat close and recycle the channels
        byte[] body = new byte[100_000];
        new Random(3).nextBytes(body);
        for (int i = 0; i < 20; i++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /count HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(response).startsWith("HTTP/1.1 200").endsWith("count=" + body.length);
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private Socket upgrade(byte[] early) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        byte[] head = ("GET /echo HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: byte-echo\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(head, head.length + early.length);
        System.arraycopy(early, 0, all, head.length, early.length);
        out.write(all); // one write: the early bytes reach Tomcat with the request head
        out.flush();
        String status = readHead(s.getInputStream());
        assertThat(status).startsWith("HTTP/1.1 101");
        return s;
    }

    private static void echo(Socket s, byte[] message) throws IOException {
        s.getOutputStream().write(message);
        s.getOutputStream().flush();
        assertThat(readExactly(s.getInputStream(), message.length)).isEqualTo(message);
    }

    private static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        assertThat(b).hasSize(n);
        return b;
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            assertThat(c).isNotNegative();
            head.append((char) c);
        }
        return head.toString();
    }

    private static LentSocketBuffers lent(ServletStreamTransport transport) {
        assertThat(transport.containerBuffers()).isInstanceOf(TomcatIdleBuffers.class);
        return ((TomcatIdleBuffers) transport.containerBuffers()).buffers();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        await(condition, () -> what);
    }

    private static void await(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what.get());
            }
            Thread.sleep(10);
        }
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    /** Upgrades {@code GET /echo}; answers any other request with the number of body bytes it read. */
    static final class UpgradeOrCountServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
            if ("/echo".equals(req.getRequestURI())) {
                resp.setStatus(101);
                resp.setHeader("Connection", "Upgrade");
                resp.setHeader("Upgrade", "byte-echo");
                // init comes after this method returns, so the port is set before it is read.
                req.upgrade(EchoUpgrade.class).clientPort = req.getRemotePort();
                return;
            }
            long count = 0;
            byte[] buf = new byte[4096];
            int n;
            try (InputStream in = req.getInputStream()) {
                while ((n = in.read(buf)) >= 0) {
                    count += n;
                }
            }
            resp.setContentType("text/plain");
            resp.getWriter().write("count=" + count);
        }
    }

    /** Created by Tomcat for each upgraded connection. */
    public static final class EchoUpgrade implements HttpUpgradeHandler {
        /** The client's port, set by the servlet before Tomcat calls {@link #init}. */
        int clientPort;

        @Override
        public void init(WebConnection connection) {
            ServletStreamTransport transport = new ServletStreamTransport(connection);
            TRANSPORTS.add(transport);
            BY_CLIENT_PORT.put(clientPort, transport);
            Echo echo = new Echo(transport);
            try {
                transport.startWriting(echo);
                transport.startReading(echo);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void destroy() {
        }
    }

    /** Writes back every byte read, in order, through the transport's readiness rules. */
    static final class Echo implements FrameTransport.Reader, FrameTransport.Writer {
        private final ServletStreamTransport transport;
        private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
        private volatile boolean ended;

        Echo(ServletStreamTransport transport) {
            this.transport = transport;
        }

        @Override
        public synchronized void receive(ByteBuffer chunk) {
            ByteBuffer copy = ByteBuffer.allocate(chunk.remaining());
            copy.put(chunk).flip();
            pending.add(copy);
            drain();
        }

        @Override
        public synchronized void onWritePossible() {
            drain();
        }

        private void drain() {
            try {
                boolean wrote = false;
                while (!pending.isEmpty() && transport.isWriteReady()) {
                    transport.write(new ByteBuffer[] {pending.poll()}, 1); // the stream takes all of it
                    wrote = true;
                }
                if (wrote && transport.isWriteReady()) {
                    transport.flush();
                }
            } catch (IOException e) {
                end();
            }
        }

        @Override
        public boolean wantsInput() {
            return !ended;
        }

        @Override
        public void inputEnded() {
            end();
        }

        @Override
        public void readFailed(Throwable error) {
            end();
        }

        @Override
        public void onWriteFailed(Throwable error) {
            end();
        }

        private void end() {
            ended = true;
            try {
                transport.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
