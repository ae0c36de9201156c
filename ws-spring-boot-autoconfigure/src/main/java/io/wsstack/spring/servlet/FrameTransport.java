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
interface FrameTransport {

    /** Where received bytes and read-side events go. */
    interface Reader {
        /** A chunk of bytes, valid only during the call. */
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
     * Writes whole frames; call only while {@link #isWriteReady()}. The transport may consume the
     * buffer (advance its position) and may hold it until the write completes, so the caller hands
     * over a buffer nobody else reads or changes.
     */
    void write(ByteBuffer frames) throws IOException;

    /** Pushes bytes the transport buffers itself to the socket; call only while {@link #isWriteReady()}. */
    void flush() throws IOException;

    /** Starts reading; called once, after the session opened. */
    void startReading(Reader reader) throws IOException;

    /** Closes the connection. */
    void close() throws IOException;
}
