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
 * which pushes back on a fast sender through TCP.
 */
public interface FrameTransport {

    /** Where received bytes and read-side events go. */
    interface Reader {
        /**
         * A chunk of bytes, valid only during the call. The reader uses it up (decoding it one
         * event at a time and running the handler after each) before it returns, so the transport
         * reads nothing more while bytes of the chunk are unprocessed.
         */
        void receive(ByteBuffer chunk);

        /** Whether the session still wants input (false once it ended). */
        boolean wantsInput();

        /** The peer closed its side of the TCP connection. */
        void inputEnded();

        /** Reading failed: the connection is lost. */
        void readFailed(Throwable error);
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

    /** Pushes bytes the transport buffers itself to the socket; call only while {@link #isWriteReady()}. */
    void flush() throws IOException;

    /** Starts reading; called once, after the session opened. */
    void startReading(Reader reader) throws IOException;

    /** Closes the connection. */
    void close() throws IOException;
}
