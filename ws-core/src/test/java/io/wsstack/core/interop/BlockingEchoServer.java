package io.wsstack.core.interop;

import io.wsstack.core.WebSocketMessage;
import io.wsstack.core.ServerEngine;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.handshake.HandshakeRejectedException;
import io.wsstack.core.handshake.ServerHandshake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal blocking-socket echo server on loopback, built on the plain {@link ServerEngine}
 * engine API: the test harness that lets real peers talk to the engine before any production
 * transport exists. One thread, one connection at a time.
 */
final class BlockingEchoServer implements AutoCloseable {

    private final ServerSocket serverSocket;
    private final DeflateOptions deflate;
    private final Thread thread;
    final AtomicLong wireBytesIn = new AtomicLong();
    final AtomicLong payloadBytesIn = new AtomicLong();
    final AtomicBoolean compressionAccepted = new AtomicBoolean();
    final AtomicLong messagesEchoed = new AtomicLong();
    volatile Throwable failure;

    BlockingEchoServer(DeflateOptions deflate) throws IOException {
        this.deflate = deflate;
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::acceptLoop, "blocking-echo-server");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try (Socket socket = serverSocket.accept()) {
                socket.setSoTimeout(20_000);
                serve(socket.getInputStream(), socket.getOutputStream());
            } catch (IOException e) {
                if (!serverSocket.isClosed()) {
                    failure = e;
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }
    }

    private void serve(InputStream in, OutputStream out) throws IOException {
        ServerEngine server = new ServerEngine();
        server.enablePerMessageDeflate(deflate);
        byte[] buffer = new byte[16 * 1024];
        ByteBuffer pending = null;
        ServerHandshake handshake = null;
        try {
            while (handshake == null) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                pending = ByteBuffer.wrap(buffer, 0, n);
                handshake = server.parseHandshake(pending);
            }
        } catch (HandshakeRejectedException e) {
            out.write(e.toResponseBytes());
            return;
        }
        out.write(server.acceptHandshake(handshake));
        compressionAccepted.set(server.compressionAccepted());
        ByteBuffer leftover = pending.hasRemaining() ? ByteBuffer.wrap(copyRemaining(pending)) : ByteBuffer.allocate(0);
        try {
            if (echo(server, leftover, out)) {
                return;
            }
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                wireBytesIn.addAndGet(n);
                if (echo(server, ByteBuffer.wrap(buffer, 0, n), out)) {
                    return;
                }
            }
        } finally {
            server.release();
        }
    }

    /** Feeds bytes and echoes every complete data message; returns true once the close handshake is done. */
    private boolean echo(ServerEngine server, ByteBuffer bytes, OutputStream out) throws IOException {
        WebSocketMessage message = server.processFrame(bytes);
        while (message != null) {
            switch (message.type()) {
                case TEXT -> out.write(server.sendText(message.text()));
                case BINARY -> out.write(server.sendBinary(message.data()));
                default -> out.write(server.takeOutput());
            }
            if (message.type() == WebSocketMessage.Type.TEXT || message.type() == WebSocketMessage.Type.BINARY) {
                payloadBytesIn.addAndGet(message.data().length);
                messagesEchoed.incrementAndGet();
            }
            if (message.type() == WebSocketMessage.Type.CLOSE) {
                out.flush();
                return true;
            }
            message = server.processFrame(new byte[0]);
        }
        out.write(server.takeOutput());
        return false;
    }

    private static byte[] copyRemaining(ByteBuffer b) {
        byte[] copy = new byte[b.remaining()];
        b.get(copy);
        return copy;
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
    }
}
