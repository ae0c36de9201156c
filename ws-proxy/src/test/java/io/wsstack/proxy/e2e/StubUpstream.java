package io.wsstack.proxy.e2e;

import io.wsstack.core.handshake.WebSocketAccept;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hand-written upstream on a raw {@code ServerSocket}, for the upstream answers and faults a
 * well-behaved server never produces. The first segment of the request path (the "mode"; a suffix
 * after {@code -} only tells connections apart) picks the behaviour:
 * {@code status403}, {@code redirect}, {@code noupgrade}, {@code badaccept}, {@code silent},
 * {@code drop}, {@code close4002}, {@code badframe}, {@code pingpong}, {@code deflate}, {@code record}, {@code flood}, {@code noread}
 * (reads once {@link #startReading()} is called), {@code deaf} (never reads), {@code slow} (answers the
 * upgrade once {@link #answerSlow()} is called, then reads until the end).
 * Each accepted connection runs on its own daemon thread.
 */
final class StubUpstream implements AutoCloseable {

    /** Messages {@code flood} sends, each {@link #FLOOD_SIZE} bytes starting with its index. */
    static final int FLOOD_COUNT = 600;
    static final int FLOOD_SIZE = 64 * 1024;

    private final ServerSocket server;
    private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();
    private final Map<String, String> heads = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> floodWritten = new ConcurrentHashMap<>();
    private final AtomicLong noreadReceived = new AtomicLong();
    private final CountDownLatch startReading = new CountDownLatch(1);
    private final CountDownLatch answerSlow = new CountDownLatch(1);
    private final AtomicInteger slowWaiting = new AtomicInteger();
    private final int redirectTarget;

    /** @param redirectTarget the port {@code redirect} points its Location at */
    StubUpstream(int redirectTarget) throws IOException {
        this.redirectTarget = redirectTarget;
        this.server = new ServerSocket();
        // Small kernel buffers on the stub's side, so that backpressure reaches it after little data.
        server.setReceiveBufferSize(16 * 1024);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        Thread acceptor = new Thread(this::acceptLoop, "stub-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections whose request path started with {@code /mode}. */
    int connections(String mode) {
        AtomicInteger count = connections.get(mode);
        return count == null ? 0 : count.get();
    }

    /** The request head the {@code record} behaviour received last. */
    String recordedHead() {
        return heads.get("record");
    }

    /** Payload bytes {@code flood} wrote on the connection whose mode was {@code mode}. */
    long floodWritten(String mode) {
        AtomicLong written = floodWritten.get(mode);
        return written == null ? 0 : written.get();
    }

    long noreadReceived() {
        return noreadReceived.get();
    }

    /** {@code slow} connections waiting for {@link #answerSlow()}. */
    int slowWaiting() {
        return slowWaiting.get();
    }

    /** Lets every {@code slow} connection, waiting or to come, answer its upgrade. */
    void answerSlow() {
        answerSlow.countDown();
    }

    /** Lets {@code noread} start reading. */
    void startReading() {
        startReading.countDown();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setSendBufferSize(16 * 1024);
                Thread handler = new Thread(() -> handle(socket), "stub-upstream-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String head = readHead(in);
            String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
            String mode = path.substring(1).split("[/?]")[0];
            connections.computeIfAbsent(mode, m -> new AtomicInteger()).incrementAndGet();
            String accept = WebSocketAccept.compute(header(head, "sec-websocket-key"));
            String upgraded = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n";
            switch (mode.split("-")[0]) {
                case "status403" -> write(out, "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
                case "status404" -> write(out, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
                case "redirect" -> write(out, "HTTP/1.1 302 Found\r\nLocation: ws://127.0.0.1:" + redirectTarget
                        + "/elsewhere\r\nContent-Length: 0\r\n\r\n");
                case "noupgrade" -> write(out, "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n");
                case "badaccept" -> write(out, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Accept: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
                case "silent" -> in.read();
                case "slow" -> {
                    slowWaiting.incrementAndGet();
                    boolean answered = answerSlow.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    slowWaiting.decrementAndGet();
                    if (answered) {
                        write(out, upgraded);
                        while (in.read() >= 0) {
                            // hold the connection until the proxy closes it
                        }
                    }
                }
                case "drop" -> {
                    write(out, upgraded);
                    out.write(frame(0x1, "bye soon".getBytes(StandardCharsets.UTF_8)));
                    out.write(frame(0x9, new byte[0]));
                    out.flush();
                    // The pong shows the proxy has read the text; only then reset the connection.
                    in.readNBytes(6);
                    socket.setSoLinger(true, 0);
                }
                case "close4002" -> {
                    write(out, upgraded);
                    out.write(frame(0x8, new byte[] {0x0F, (byte) 0xA2, 'd', 'o', 'n', 'e'}));
                    out.flush();
                    in.read(new byte[64]);
                }
                case "badframe" -> {
                    write(out, upgraded);
                    // A masked frame from a server (RFC 6455 §5.1: the client must fail the connection).
                    out.write(new byte[] {(byte) 0x81, (byte) 0x82, 1, 2, 3, 4, 'h' ^ 1, 'i' ^ 2});
                    out.flush();
                    in.read(new byte[64]);
                }
                case "record" -> {
                    heads.put("record", head);
                    write(out, upgraded);
                    while (in.read(new byte[1024]) >= 0) {
                        // hold the connection until the proxy closes it
                    }
                }
                case "flood" -> {
                    write(out, upgraded);
                    AtomicLong written = floodWritten.computeIfAbsent(mode, m -> new AtomicLong());
                    for (int i = 0; i < FLOOD_COUNT; i++) {
                        byte[] payload = new byte[FLOOD_SIZE];
                        payload[0] = (byte) i;
                        out.write(frame(0x2, payload));
                        written.addAndGet(payload.length);
                    }
                    out.flush();
                    while (in.read(new byte[1024]) >= 0) {
                        // wait for the close
                    }
                }
                case "noread" -> {
                    write(out, upgraded);
                    startReading.await();
                    byte[] buffer = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        noreadReceived.addAndGet(n);
                    }
                }
                case "pingpong" -> {
                    write(out, upgraded);
                    out.write(frame(0x9, "hello".getBytes(StandardCharsets.UTF_8)));
                    out.flush();
                    byte[] pong = in.readNBytes(2 + 4 + 5);
                    byte[] payload = new byte[5];
                    for (int i = 0; i < 5; i++) {
                        payload[i] = (byte) (pong[6 + i] ^ pong[2 + (i & 3)]);
                    }
                    boolean answered = (pong[0] & 0xFF) == 0x8A && (pong[1] & 0xFF) == 0x85
                            && new String(payload, StandardCharsets.UTF_8).equals("hello");
                    out.write(frame(0x1, (answered ? "pong ok" : "pong bad").getBytes(StandardCharsets.UTF_8)));
                    out.flush();
                    in.read(new byte[64]);
                }
                case "deflate" -> {
                    write(out, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + accept + "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n");
                    // RFC 7692 §7.2.3.1: "Hello" compressed in one frame, RSV1 set.
                    out.write(new byte[] {(byte) 0xc1, 0x07, (byte) 0xf2, 0x48, (byte) 0xcd, (byte) 0xc9, (byte) 0xc9, 0x07, 0x00});
                    out.flush();
                    in.read(new byte[64]);
                }
                case "deaf" -> {
                    write(out, upgraded);
                    Thread.sleep(60_000);
                }
                default -> write(out, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n");
            }
        } catch (IOException | InterruptedException e) {
            // the proxy dropped the connection: nothing to report
        }
    }

    /** An unmasked server frame with FIN set. */
    static byte[] frame(int opcode, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 10);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else if (payload.length < 65536) {
            frame.write(126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift));
            }
        }
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside the head");
            }
            bytes.write(b);
            last4 = (last4 << 8) | b;
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** The value of a header in a head, by lower-case name; null when absent. */
    static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
