package io.wsstack.spring.servlet;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads an upgraded connection without blocking: on each {@code onDataAvailable} it reads while the
 * container has bytes ready, into one reusable buffer, and hands every chunk to the session.
 *
 * <p>The session consumes each chunk completely before the next read (the engine keeps copies of
 * partial frames), so the buffer can be reused at once. Handlers run on this thread, in wire order;
 * while one runs, no more bytes are read, which pushes back on a fast sender through TCP.
 */
final class ServletFrameReader implements ReadListener {

    /** Read buffer size: large enough for typical messages in one read, small enough to keep idle sessions cheap. */
    static final int BUFFER_SIZE = 8192;

    private final ServletInputStream in;
    private final FrameTransport.Reader target;
    private final byte[] buffer = new byte[BUFFER_SIZE];

    ServletFrameReader(ServletInputStream in, FrameTransport.Reader target) {
        this.in = in;
        this.target = target;
    }

    /** Starts reading; the container calls {@link #onDataAvailable()} when bytes arrive. */
    void start() {
        in.setReadListener(this);
    }

    @Override
    public void onDataAvailable() throws IOException {
        ByteBuffer chunk = ByteBuffer.wrap(buffer);
        while (target.wantsInput() && in.isReady()) {
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
