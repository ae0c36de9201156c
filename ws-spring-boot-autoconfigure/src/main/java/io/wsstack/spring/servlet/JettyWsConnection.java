package io.wsstack.spring.servlet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.Executor;

/**
 * A WebSocket session's connection on Jetty's endpoint, installed by {@link JettyUpgrade} in place
 * of Jetty's HTTP/1.1 connection once the 101 is sent. It is the session's {@link FrameTransport}:
 * the same session, engine, queue and timers run above it as above the servlet streams.
 *
 * <p><b>Reading.</b> Jetty calls {@link #onFillable()} (on a pool thread) when bytes arrive; they
 * are read into a pooled buffer that is returned as soon as the socket has nothing more, so an idle
 * session holds no read buffer. Bytes Jetty had read past the request head arrive first, through
 * {@link #onUpgradeTo(ByteBuffer)}. Handlers run on the reading thread; no more bytes are read
 * while one runs.
 *
 * <p><b>Writing.</b> One {@code EndPoint.write} at a time, gathering up to 16 queued buffers; the
 * transport is "ready" while none is pending. A write that completes inside the call lets the
 * writer go on at once; one that completes later calls the writer back from a pool thread.
 *
 * <p>Jetty's connector idle timeout is switched off for the upgraded connection: the session's own
 * idle timeout and keep-alive pings decide, exactly as on Tomcat.
 */
final class JettyWsConnection extends AbstractConnection implements Connection.UpgradeTo, FrameTransport {

    private static final Log log = LogFactory.getLog(JettyWsConnection.class);
    private static final int MAX_GATHER = 16;

    private final ByteBufferPool bufferPool;
    private final SessionSetup setup;
    private final WriteCompletion writeCompletion = new WriteCompletion();
    /** The varargs array of the last {@code EndPoint.write}, reused while writes have the same count. */
    private ByteBuffer[] lastWriteArray;
    /** The array of the pending write, cleared when it completes. */
    private volatile ByteBuffer[] pendingArray;
    private ByteBuffer carriedOver;
    /** Set once opened; read by Jetty's close callbacks on other threads. */
    private volatile ServletWsSession session;
    private Reader reader;
    private Writer writer;
    /** A write was handed to the endpoint and has not completed. */
    private volatile boolean writing;
    /** The writing thread is inside {@code EndPoint.write}: a completion now needs no callback. */
    private volatile boolean inWrite;
    /** The session dropped the connection itself; Jetty's close events then report nothing new. */
    private volatile boolean closedBySession;

    JettyWsConnection(EndPoint endPoint, Executor executor, ByteBufferPool bufferPool, SessionSetup setup) {
        super(endPoint, executor);
        setInputBufferSize(ServletFrameReader.BUFFER_SIZE);
        this.bufferPool = bufferPool;
        this.setup = setup;
    }

    /** Bytes the HTTP connection had already read past the request head: the client's first frames. */
    @Override
    public void onUpgradeTo(ByteBuffer buffer) {
        ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
        copy.put(buffer).flip();
        carriedOver = copy;
    }

    @Override
    public void onOpen() {
        super.onOpen();
        getEndPoint().setIdleTimeout(0);
        session = ServletWsSession.open(setup, this);
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        // The endpoint is gone (peer reset, server stopping): the session reports 1006 unless it already ended.
        if (session != null && !closedBySession) {
            session.lifecycle().destroyed();
        }
    }

    // ---- reading -------------------------------------------------------------------------------

    @Override
    public void startReading(Reader reader) {
        this.reader = reader;
        ByteBuffer early = carriedOver;
        carriedOver = null;
        if (early != null && reader.wantsInput()) {
            reader.receive(early);
        }
        // Read what the socket already holds now; fill interest is registered once it is empty.
        onFillable();
    }

    @Override
    public void onFillable() {
        if (!reader.wantsInput()) {
            return;
        }
        RetainableByteBuffer pooled = bufferPool.acquire(getInputBufferSize(), false);
        ByteBuffer buffer = pooled.getByteBuffer();
        try {
            while (reader.wantsInput()) {
                buffer.clear().flip();
                int filled = getEndPoint().fill(buffer);
                if (filled > 0) {
                    reader.receive(buffer);
                } else if (filled == 0) {
                    fillInterested();
                    return;
                } else {
                    reader.inputEnded();
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            reader.readFailed(e);
        } finally {
            pooled.release();
        }
    }

    @Override
    public void onFillInterestedFailed(Throwable cause) {
        // The endpoint closed or failed while we waited for bytes: the connection is lost.
        if (reader != null && !closedBySession) {
            reader.readFailed(cause);
        }
    }

    // ---- writing -------------------------------------------------------------------------------

    @Override
    public void startWriting(Writer writer) {
        this.writer = writer;
    }

    @Override
    public boolean isWriteReady() {
        return !writing;
    }

    /** Up to this many queued buffers go out in one gathering write. */
    @Override
    public int maxBuffersPerWrite() {
        return MAX_GATHER;
    }

    /** Jetty is done with a write's buffers once it completed, which is when the transport is ready again. */
    @Override
    public boolean buffersFreeWhenReady() {
        return true;
    }

    @Override
    public void write(ByteBuffer[] frames, int count) {
        // Jetty keeps the array until the write completes, while the writer reuses its own; one
        // write is pending at a time, so the last array serves again when the count repeats.
        ByteBuffer[] buffers = lastWriteArray;
        if (buffers == null || buffers.length != count) {
            buffers = new ByteBuffer[count];
            lastWriteArray = buffers;
        }
        System.arraycopy(frames, 0, buffers, 0, count);
        pendingArray = buffers;
        writing = true;
        inWrite = true;
        try {
            getEndPoint().write(writeCompletion, buffers);
        } finally {
            inWrite = false;
        }
    }

    /** Jetty writes straight to the socket: nothing is held back. */
    @Override
    public void flush() {
    }

    @Override
    public void close() {
        // Set first: Jetty may report the close back synchronously, before the session has recorded its status.
        closedBySession = true;
        getEndPoint().close();
    }

    /** Drops the references to written buffers, which go back to the session's pool. */
    private void clearWriteArrays() {
        ByteBuffer[] array = pendingArray;
        if (array != null) {
            pendingArray = null;
            Arrays.fill(array, null);
        }
    }

    /**
     * The end of one {@code EndPoint.write}. {@code writing} is cleared before {@code inWrite} is
     * read, and the writer clears {@code inWrite} before it reads {@code writing} again (both
     * volatile), so either the writing thread sees the transport ready and goes on, or this
     * callback wakes the writer: a completion is never lost.
     */
    private final class WriteCompletion implements Callback {
        @Override
        public void succeeded() {
            clearWriteArrays();
            writing = false;
            if (!inWrite) {
                writer.onWritePossible();
            }
        }

        @Override
        public void failed(Throwable error) {
            clearWriteArrays();
            writing = false;
            if (log.isDebugEnabled()) {
                log.debug("Writing to " + getEndPoint() + " failed", error);
            }
            writer.onWriteFailed(error);
        }
    }
}
