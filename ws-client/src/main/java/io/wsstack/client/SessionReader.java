package io.wsstack.client;

import io.wsstack.core.ClientUpgrade;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The reader thread of one session: connects, runs TLS and the opening handshake under one
 * deadline (a server trickling its answer byte by byte cannot hold the attempt open longer, RFC 6455
 * §4.1 leaves the limit to the client), then reads until the connection ends and hands every byte to
 * the engine. Bytes that arrived in the same read as the 101 are the first WebSocket frames and are
 * fed first, after the listener heard {@code onOpen}.
 */
final class SessionReader implements Runnable {

    /** Bytes read per call; frames larger than this are reassembled by the engine. */
    private static final int READ_BUFFER = 16 * 1024;

    private final SocketSession session;
    private final ClientUpgrade upgrade;
    private final ClientConfig config;
    private final ScheduledExecutorService timers;

    SessionReader(SocketSession session, ClientUpgrade upgrade, ClientConfig config, ScheduledExecutorService timers) {
        this.session = session;
        this.upgrade = upgrade;
        this.config = config;
        this.timers = timers;
    }

    /** What the opening phase leaves to the reading phase. */
    private record Opened(ClientUpgrade.Accepted answer, InputStream in, OutputStream out, ByteBuffer rest) {
    }

    @Override
    public void run() {
        byte[] buffer = new byte[READ_BUFFER];
        Opened opened;
        try {
            opened = handshake(buffer);
        } catch (IOException | RuntimeException e) {
            session.openingFailed(e);
            return;
        }
        try {
            session.open(opened.answer(), opened.out());
            if (opened.rest().hasRemaining()) {
                session.receive(opened.rest());
            }
            InputStream in = opened.in();
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    session.endOfStream();
                    break;
                }
                session.receive(ByteBuffer.wrap(buffer, 0, n));
            }
        } catch (IOException e) {
            session.readFailed(e);
        } finally {
            session.finish();
        }
    }

    private Opened handshake(byte[] buffer) throws IOException {
        Socket raw = SocketConnector.newSocket();
        session.socketCreated(raw);
        SocketConnector.connect(raw, session.uri(), config);
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> deadline = timers.schedule(() -> {
            late.set(true);
            SocketSession.closeQuietly(raw);
        }, config.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        try {
            Socket socket = SocketConnector.secure(raw, session.uri(), config);
            OutputStream out = socket.getOutputStream();
            out.write(upgrade.request().bytes());
            out.flush();
            InputStream in = socket.getInputStream();
            ClientUpgrade.Accepted answer = null;
            ByteBuffer rest = null;
            while (answer == null) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new EOFException("the server closed the connection before answering the upgrade");
                }
                rest = ByteBuffer.wrap(buffer, 0, n);
                answer = upgrade.validate(rest);
            }
            deadline.cancel(false);
            if (late.get()) {
                throw timedOut();
            }
            return new Opened(answer, in, out, rest);
        } catch (IOException e) {
            throw late.get() ? timedOut() : e;
        } finally {
            deadline.cancel(false);
        }
    }

    private SocketTimeoutException timedOut() {
        return new SocketTimeoutException("the opening handshake did not complete within "
                + config.handshakeTimeout().toMillis() + " ms");
    }
}
