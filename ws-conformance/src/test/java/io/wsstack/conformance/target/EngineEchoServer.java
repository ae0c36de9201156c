package io.wsstack.conformance.target;

import io.wsstack.core.Connection;
import io.wsstack.core.ConnectionSettings;
import io.wsstack.core.Role;
import io.wsstack.core.WebSocketListener;
import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.deflate.NegotiatedDeflate;
import io.wsstack.core.deflate.ServerDeflateNegotiator;
import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.handshake.HandshakeRejectedException;
import io.wsstack.core.handshake.HandshakeRequest;
import io.wsstack.core.handshake.HttpHeadParser;
import io.wsstack.core.handshake.HttpHeaders;
import io.wsstack.core.handshake.MalformedHttpHeadException;
import io.wsstack.core.handshake.ServerHandshake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An echo server on loopback made of the engine ({@link Connection}, {@link ServerHandshake},
 * {@link ServerDeflateNegotiator}) and blocking sockets, one thread per connection: the target the suite runs against without Spring. It is a
 * test transport, so it stays simple, but it keeps the promises a transport must keep: a failed
 * connection is answered with the engine's Close frame and then dropped; the close handshake ends
 * with the server closing TCP; a write stuck behind a peer that does not read is abandoned after
 * {@code writeTimeout}; a handshake not finished within {@code handshakeTimeout} is dropped; every
 * connection releases its engine resources when it ends.
 */
public final class EngineEchoServer implements EchoTarget, AutoCloseable {

    private final ServerSocket serverSocket;
    private final ConnectionSettings settings;
    private final ServerDeflateNegotiator deflate;
    private final long writeTimeoutMillis;
    private final int handshakeTimeoutMillis;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "engine-echo-connection");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "engine-echo-watchdog");
        t.setDaemon(true);
        return t;
    });
    private final Set<EchoConnection> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong served = new AtomicLong();

    /**
     * Starts listening on an ephemeral loopback port.
     *
     * @param settings           the engine limits of every connection
     * @param deflate            permessage-deflate options, or null to decline every offer
     * @param writeTimeoutMillis how long one write may block before the connection is dropped
     * @param handshakeTimeoutMillis how long a client may take to send its whole upgrade request
     */
    public EngineEchoServer(ConnectionSettings settings, DeflateOptions deflate, long writeTimeoutMillis,
            int handshakeTimeoutMillis) throws IOException {
        this.settings = settings;
        this.deflate = deflate == null ? null : new ServerDeflateNegotiator(deflate);
        this.writeTimeoutMillis = writeTimeoutMillis;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        this.serverSocket = new ServerSocket(0, 2048, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "engine-echo-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        watchdog.scheduleWithFixedDelay(this::dropStuckWriters, 200, 200, TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return "engine";
    }

    @Override
    public InetSocketAddress address() {
        return new InetSocketAddress(serverSocket.getInetAddress(), serverSocket.getLocalPort());
    }

    @Override
    public String path() {
        return "/echo";
    }

    @Override
    public String toString() {
        return name();
    }

    /** Connections currently open (handshaking or open). */
    public int liveConnections() {
        return live.size();
    }

    /** Connections accepted so far. */
    public long servedConnections() {
        return served.get();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                served.incrementAndGet();
                EchoConnection connection = new EchoConnection(socket);
                live.add(connection);
                connections.execute(connection);
            } catch (IOException e) {
                // Closed while accepting: the loop ends.
            }
        }
    }

    private void dropStuckWriters() {
        long now = System.nanoTime();
        for (EchoConnection c : live) {
            long started = c.writeStartedAt;
            if (started != 0 && now - started > TimeUnit.MILLISECONDS.toNanos(writeTimeoutMillis)) {
                c.drop();
            }
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        live.forEach(EchoConnection::drop);
        connections.shutdownNow();
        watchdog.shutdownNow();
        if (deflate != null) {
            deflate.close();
        }
    }

    /**
     * One accepted socket, served on its own thread from handshake to close. It uses the engine's
     * event API, as a production transport does: each message is echoed from inside the listener,
     * before the next frame is decoded, so an echo precedes a violation that follows it on the wire.
     */
    private final class EchoConnection implements Runnable, WebSocketListener {
        private final Socket socket;
        private OutputStream out;
        /** Set once the handshake succeeded; released however the connection ends (even by a reset). */
        private Connection connection;
        /** Whether the connection is over: the close handshake finished or the peer broke a rule. */
        private boolean over;
        /** System.nanoTime() when the current write started, 0 when not writing. */
        private volatile long writeStartedAt;

        EchoConnection(Socket socket) {
            this.socket = socket;
        }

        @Override
        public void run() {
            try (socket) {
                socket.setTcpNoDelay(true);
                out = socket.getOutputStream();
                serve(socket.getInputStream());
            } catch (IOException | RuntimeException e) {
                // A reset, a timeout or a dropped socket: the connection is over either way.
            } finally {
                if (connection != null) {
                    connection.release();
                }
                live.remove(this);
            }
        }

        private void serve(InputStream in) throws IOException {
            byte[] buffer = new byte[16 * 1024];
            HttpHeadParser parser = new HttpHeadParser();
            ByteBuffer rest = null;
            HandshakeRequest request = null;
            socket.setSoTimeout(handshakeTimeoutMillis);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(handshakeTimeoutMillis);
            ServerHandshake handshake;
            try {
                while (request == null) {
                    if (System.nanoTime() > deadline) {
                        return; // the whole head must arrive in time, not just each byte (slowloris)
                    }
                    int n = in.read(buffer);
                    if (n < 0) {
                        return;
                    }
                    rest = ByteBuffer.wrap(buffer, 0, n);
                    request = parser.parseRequest(rest);
                }
                handshake = ServerHandshake.parse(request);
            } catch (MalformedHttpHeadException e) {
                write(new HandshakeRejectedException(e.httpStatus(), e.getMessage()).toResponseBytes());
                return;
            } catch (HandshakeRejectedException e) {
                write(e.toResponseBytes());
                return;
            }
            NegotiatedDeflate agreed = deflate == null ? null : deflate.negotiate(handshake.extensionOffers()).orElse(null);
            List<ExtensionOffer> accepted = agreed == null ? List.of() : List.of(agreed.responseElement());
            write(handshake.accept(null, accepted, new HttpHeaders()).toBytes());
            socket.setSoTimeout(0);
            connection = new Connection(Role.SERVER, settings,
                    agreed == null ? null : agreed.newCompression(Role.SERVER), null, this, this::sink);
            connection.receive(rest);
            while (!over) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                connection.receive(ByteBuffer.wrap(buffer, 0, n));
            }
        }

        @Override
        public void onText(Connection connection, String text) {
            connection.sendText(text);
        }

        @Override
        public void onBinary(Connection connection, ByteBuffer data) {
            connection.sendBinary(data);
        }

        @Override
        public void onClose(Connection connection, int code, String reason) {
            over = true; // RFC 6455 §7.1.1: the echo is written; the server closes TCP first
        }

        @Override
        public void onProtocolError(Connection connection, WebSocketProtocolException error) {
            over = true; // the engine's Close frame with the violation's code is written; drop TCP
        }

        private void sink(ByteBuffer frames, boolean control) {
            byte[] bytes = new byte[frames.remaining()];
            frames.get(bytes);
            try {
                write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void write(byte[] bytes) throws IOException {
            writeStartedAt = System.nanoTime();
            try {
                out.write(bytes);
                out.flush();
            } finally {
                writeStartedAt = 0;
            }
        }

        void drop() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }
}
