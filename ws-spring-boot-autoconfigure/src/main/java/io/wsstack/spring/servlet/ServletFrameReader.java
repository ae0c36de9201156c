package io.wsstack.spring.servlet;

import io.wsstack.core.session.BufferPool;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads an upgraded connection without blocking: on each {@code onDataAvailable} it reads while the
 * container has bytes ready, into a buffer borrowed from the {@link BufferPool#shared() shared pool}
 * for that one read batch, and hands every chunk to the session.
 *
 * <p>The session consumes each chunk completely before the next read (the engine copies a partial
 * frame's header and a partial message's bytes into exactly sized state of its own), so nothing
 * refers to the buffer once the batch ends and it goes back to the pool: an idle session holds no
 * read buffer. Handlers run on this thread, in wire order; while one runs, no more bytes are read,
 * which pushes back on a fast sender through TCP.
 */
final class ServletFrameReader implements ReadListener {

    /** Read buffer size: large enough for typical messages in one read (the pool's size). */
    static final int BUFFER_SIZE = 8192;

    private final ServletInputStream in;
    private final FrameTransport.Reader target;
    private final BufferPool pool;
    /** Called once a read batch ended with the container out of bytes (see {@link ServletStreamTransport}). */
    private final Runnable drained;

    ServletFrameReader(ServletInputStream in, FrameTransport.Reader target, Runnable drained) {
        this.in = in;
        this.target = target;
        this.pool = BufferPool.shared();
        this.drained = drained;
    }

    /** Starts reading; the container calls {@link #onDataAvailable()} when bytes arrive. */
    void start() {
        in.setReadListener(this);
    }

    @Override
    public void onDataAvailable() throws IOException {
        ByteBuffer chunk = pool.borrow();
        byte[] buffer = chunk.array();
        try {
            while (target.wantsInput()) {
                if (!in.isReady()) {
                    // The container has nothing more and waits for the socket: an idle point.
                    drained.run();
                    return;
                }
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    target.inputEnded();
                    return;
                }
                if (n > 0) {
                    chunk.clear().limit(n);
                    target.receive(chunk);
                }
            }
        } finally {
            pool.giveBack(chunk);
        }
    }

    @Override
    public void onAllDataRead() {
        target.inputEnded();
    }

    @Override
    public void onError(Throwable error) {
        target.readFailed(error);
    }
}
