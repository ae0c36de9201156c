package io.wsstack.client;

import io.wsstack.core.ClientUpgrade;
import io.wsstack.core.session.BufferPool;

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
 *
 * <p>Memory of a quiet session: a blocking read needs its array for as long as it waits, and most
 * of a client's sessions wait most of the time. So the thread waits on a small array of its own
 * ({@value #WAIT_BYTES} bytes, enough for a typical small message in one read), and only when that
 * read fills it, which means more bytes are probably ready, borrows a 16 KiB buffer from
 * {@link #READS} and reads on while the socket has bytes {@link InputStream#available() available}
 * (so those reads never block). The buffer goes back before the thread waits again: an idle session
 * holds no read buffer, and a large message is still read 16 KiB per call. The engine consumes every
 * chunk before the next read (it copies partial frames and messages into state of its own, and
 * binary payloads for the listener), so nothing refers to a buffer once it is back.
 */
final class SessionReader implements Runnable {

    /** The array a quiet session waits on; small messages arrive whole in it. */
    static final int WAIT_BYTES = 256;

    /**
     * The buffers borrowed for the bytes behind a full wait: 16 KiB, so a large message costs one
     * read per 16 KiB; at most 64 kept (1 MiB) for all of the JVM's client sessions.
     */
    static final BufferPool READS = new BufferPool(16 * 1024, 64);

    private final SocketSession session;
    private final ClientUpgrade upgrade;
    private final ClientConfig config;
    private final ScheduledExecutorService timers;
    private final BufferPool reads;
    /** The borrowed buffer while this thread reads with it, else null (for tests). */
    private volatile ByteBuffer borrowed;

    SessionReader(SocketSession session, ClientUpgrade upgrade, ClientConfig config, ScheduledExecutorService timers) {
        this(session, upgrade, config, timers, READS);
    }

    SessionReader(SocketSession session, ClientUpgrade upgrade, ClientConfig config, ScheduledExecutorService timers,
            BufferPool reads) {
        this.session = session;
        this.upgrade = upgrade;
        this.config = config;
        this.timers = timers;
        this.reads = reads;
    }

    /** What the opening phase leaves to the reading phase. */
    private record Opened(ClientUpgrade.Accepted answer, InputStream in, OutputStream out, ByteBuffer rest) {
    }

    @Override
    public void run() {
        // The handshake reads into a borrowed buffer; the frames that came with the 101 are a view of it.
        ByteBuffer buffer = borrow();
        Opened opened;
        try {
            opened = handshake(buffer.array());
        } catch (IOException | RuntimeException e) {
            giveBack(buffer);
            session.openingFailed(e);
            return;
        }
        try {
            try {
                session.open(opened.answer(), opened.out());
                if (opened.rest().hasRemaining()) {
                    session.receive(opened.rest());
                }
            } finally {
                giveBack(buffer);
            }
            InputStream in = opened.in();
            ByteBuffer waiting = ByteBuffer.wrap(new byte[WAIT_BYTES]);
            while (true) {
                int n = in.read(waiting.array());
                if (n < 0) {
                    session.endOfStream();
                    break;
                }
                session.receive(waiting.clear().limit(n));
                if (n == WAIT_BYTES && !readAvailable(in)) {
                    break;
                }
            }
        } catch (IOException e) {
            session.readFailed(e);
        } finally {
            session.finish();
        }
    }

    /**
     * Reads, in a borrowed buffer, what the socket has ready without blocking, and hands it on;
     * false when the connection ended.
     */
    private boolean readAvailable(InputStream in) throws IOException {
        if (in.available() <= 0) {
            return true;
        }
        ByteBuffer chunk = borrow();
        try {
            do {
                // At least one byte is ready, so this read returns at once, with up to a whole buffer.
                int n = in.read(chunk.array());
                if (n < 0) {
                    session.endOfStream();
                    return false;
                }
                session.receive(chunk.clear().limit(n));
            } while (in.available() > 0);
            return true;
        } finally {
            giveBack(chunk);
        }
    }

    private ByteBuffer borrow() {
        ByteBuffer buffer = reads.borrow();
        borrowed = buffer;
        return buffer;
    }

    private void giveBack(ByteBuffer buffer) {
        borrowed = null;
        reads.giveBack(buffer);
    }

    /** Whether this thread holds a borrowed read buffer now: only while bytes are being read. */
    boolean holdsReadBuffer() {
        return borrowed != null;
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
