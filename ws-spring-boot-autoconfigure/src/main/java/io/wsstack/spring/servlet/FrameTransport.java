package io.wsstack.spring.servlet;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The byte pipe under one session: the servlet container's upgraded streams, or a container's own
 * connection where its servlet upgrade cannot serve real clients (Jetty 12.1). The session, its
 * engine, queue, timers and observers sit above this seam and are the same for every transport.
 *
 * <p>Writing is non-blocking and readiness-driven, as in the servlet API: the writer writes only
 * while {@link #isWriteReady()} says so; when it says no, the transport calls
 * {@link Writer#onWritePossible()} once it can take more. Reading is push-driven: the transport
 * hands every chunk to its {@link Reader} and stops asking for bytes while a chunk is being handled,
 * which pushes back on a fast sender through TCP. A transport with a {@link #handlerLane()} stops
 * asking while its lane is full instead.
 */
public interface FrameTransport {

    /** Where received bytes and read-side events go. */
    interface Reader {
        /**
         * A chunk of bytes, valid only during the call. The reader uses it up (decoding it one
         * event at a time and running the handler after each) before it returns, so the transport
         * reads nothing more while bytes of the chunk are unprocessed. With a
         * {@link FrameTransport#handlerLane()} the handlers run on the lane instead, and the
         * reader returns early, bytes left, when the lane is full.
         */
        void receive(ByteBuffer chunk);

        /** Whether the session still wants input (false once it ended). */
        boolean wantsInput();

        /** The peer closed its side of the TCP connection. */
        void inputEnded();

        /** Reading failed: the connection is lost. */
        void readFailed(Throwable error);

        /**
         * A run of this session's lane calls starts on the calling thread (a transport with a
         * {@link FrameTransport#handlerLane()} calls this and {@link #laneBatchEnded()} around each
         * run). The session then times the run's handler calls from one clock reading each and
         * hands the run's message totals to the meters once, at its end.
         */
        default void laneBatchStarted() {
        }

        /** The run of lane calls that {@link #laneBatchStarted()} announced has ended; same thread. */
        default void laneBatchEnded() {
        }
    }

    /**
     * Where the handler calls of a transport that decodes on its I/O thread run: Reactor Netty
     * decodes on the event loop and runs handlers off it. The reader then decodes a chunk on the
     * transport's thread, queues one call per decoded event here, and stops decoding (returning
     * with bytes left in the chunk) as soon as the lane says it is full.
     */
    interface HandlerLane {
        /**
         * Queues a handler call behind the ones queued before it (per-session order).
         *
         * @param call  the call; it runs once, off the caller's thread
         * @param bytes the payload bytes the call holds until it has run
         * @return whether the reader may decode on: false once the lane holds its bound of
         *         unhandled calls or bytes (the call is queued either way)
         */
        boolean offer(Runnable call, long bytes);
    }

    /**
     * The lane for handler calls when this transport decodes ahead of its handlers, or {@code null}
     * (the default) when the reader decodes and runs the handlers on the thread that delivers the
     * bytes, as on the servlet containers. A transport with a lane passes the rest of a chunk again
     * (the same bytes, from the position the reader left) once the lane has room.
     */
    default HandlerLane handlerLane() {
        return null;
    }

    /** Who writes, and hears when writing may resume. */
    interface Writer {
        /** The transport can take bytes again after {@link #isWriteReady()} said no. */
        void onWritePossible();

        /** The connection failed while writing. */
        void onWriteFailed(Throwable error);
    }

    /** Starts writing; called once, before anything is written. */
    void startWriting(Writer writer) throws IOException;

    /** Whether {@link #write} may be called now without blocking. */
    boolean isWriteReady();

    /**
     * How many buffers one {@link #write} may carry: 1 where every write must be preceded by a
     * readiness check (the servlet API), more where the transport gathers them into one system call.
     */
    default int maxBuffersPerWrite() {
        return 1;
    }

    /**
     * Whether a buffer passed to {@link #write} is no longer read by the transport once
     * {@link #isWriteReady()} says true again (it copied the bytes, or finished writing them).
     * Then the session coalesces its small frames into pooled buffers and takes them back at that
     * point; a transport that keeps written buffers for longer (a zero-copy wrapper queued on
     * another thread) says false, and the session gives every write buffers of its own.
     */
    default boolean buffersFreeWhenReady() {
        return false;
    }

    /**
     * Writes the whole frames in {@code frames[0..count)}, in order; call only while
     * {@link #isWriteReady()}, with at most {@link #maxBuffersPerWrite()} buffers. The transport may
     * consume the buffers (advance their positions) and may hold them until the write completes, so
     * the caller hands over buffers nobody else reads or changes; the array itself may be reused
     * once the call returns.
     */
    void write(ByteBuffer[] frames, int count) throws IOException;

    /**
     * Asked by a sender on the point of flushing: true when the transport takes that flush over
     * and flushes at the end of the batch of handler calls the calling thread is running (one
     * system call for a run's replies instead of one per reply). False (the default) where the
     * sender must flush now.
     */
    default boolean deferFlush() {
        return false;
    }

    /** Pushes bytes the transport buffers itself to the socket; call only while {@link #isWriteReady()}. */
    void flush() throws IOException;

    /** Starts reading; called once, after the session opened. */
    void startReading(Reader reader) throws IOException;

    /** Closes the connection. */
    void close() throws IOException;
}
