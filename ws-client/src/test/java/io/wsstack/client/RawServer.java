package io.wsstack.client;

import io.wsstack.core.WebSocketMessage;
import io.wsstack.core.ServerEngine;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.handshake.HandshakeRequest;
import io.wsstack.core.handshake.HttpHeadParser;
import io.wsstack.core.handshake.ServerHandshake;
import io.wsstack.core.handshake.WebSocketAccept;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server that runs a test's script on every accepted socket: the way to make a server do
 * what a good one never does (wrong accept key, frames glued to the 101, silence, resets). Scripts
 * that behave use the engine's plain {@link ServerEngine} through {@link Peer}.
 */
final class RawServer implements AutoCloseable {

    /** What the server does with one accepted connection. */
    @FunctionalInterface
    interface Script {
        void run(Socket socket) throws Exception;
    }

    private final ServerSocket serverSocket;
    private final AtomicInteger connections = new AtomicInteger();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();

    RawServer(Script script) throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> acceptLoop(script), "raw-server");
        thread.setDaemon(true);
        thread.start();
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + serverSocket.getLocalPort() + path);
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    private void acceptLoop(Script script) {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            Thread handler = new Thread(() -> {
                try (socket) {
                    socket.setSoTimeout(30_000);
                    script.run(socket);
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "raw-server-connection");
            handler.setDaemon(true);
            handler.start();
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
    }

    /** Reads the client's upgrade request head (the client sends nothing else before the answer). */
    static HandshakeRequest readRequest(InputStream in) throws IOException {
        HttpHeadParser parser = new HttpHeadParser();
        byte[] buffer = new byte[4096];
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new EOFException("client left before finishing its request");
            }
            HandshakeRequest request = parser.parseRequest(ByteBuffer.wrap(buffer, 0, n));
            if (request != null) {
                return request;
            }
        }
    }

    /** The right {@code Sec-WebSocket-Accept} for a request (RFC 6455 §4.2.2 item 5.4). */
    static String acceptFor(HandshakeRequest request) {
        return WebSocketAccept.compute(request.headers().first("Sec-WebSocket-Key"));
    }

    /** A 101 head with the given accept value and extra header lines (each ending in CRLF). */
    static byte[] switching(String accept, String extraHeaderLines) {
        return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n" + extraHeaderLines + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** An unmasked final server frame with a payload under 126 bytes. */
    static byte[] frame(int opcode, byte[] payload) {
        byte[] frame = new byte[2 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        frame[1] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 2, payload.length);
        return frame;
    }

    /** Concatenates byte arrays, to write them in one call (one segment on loopback). */
    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        ByteBuffer all = ByteBuffer.allocate(length);
        for (byte[] p : parts) {
            all.put(p);
        }
        return all.array();
    }

    /** A well-behaved server end of one connection, on the engine's plain {@link ServerEngine}. */
    static final class Peer {
        final ServerEngine engine = new ServerEngine();
        final InputStream in;
        final OutputStream out;
        private final byte[] buffer = new byte[64 * 1024];

        /** Answers the upgrade with 101, accepting permessage-deflate when {@code deflate} is not null. */
        Peer(Socket socket, DeflateOptions deflate) throws IOException {
            in = socket.getInputStream();
            out = socket.getOutputStream();
            if (deflate != null) {
                engine.enablePerMessageDeflate(deflate);
            }
            ServerHandshake handshake = null;
            while (handshake == null) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new EOFException("client left during the handshake");
                }
                handshake = engine.parseHandshake(ByteBuffer.wrap(buffer, 0, n));
            }
            out.write(engine.acceptHandshake(handshake));
            out.flush();
        }

        /** The next message from the client (pings and closes included), writing any replies the engine owes. */
        WebSocketMessage next() throws IOException {
            WebSocketMessage message = engine.processFrame(new byte[0]);
            while (message == null) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new EOFException("client closed the connection");
                }
                message = engine.processFrame(ByteBuffer.wrap(buffer, 0, n));
            }
            out.write(engine.takeOutput());
            out.flush();
            return message;
        }

        /** Echoes text and binary messages until the client's Close (which the engine answers). */
        void echoUntilClose() throws IOException {
            while (true) {
                WebSocketMessage message = next();
                switch (message.type()) {
                    case TEXT -> write(engine.sendText(message.text()));
                    case BINARY -> write(engine.sendBinary(message.data()));
                    case CLOSE -> {
                        return;
                    }
                    default -> { }
                }
            }
        }

        /** Reads until the client closes TCP; returns true when it did (false on reset). */
        boolean awaitEof() {
            try {
                while (in.read(buffer) >= 0) {
                    // discard
                }
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }
    }
}
