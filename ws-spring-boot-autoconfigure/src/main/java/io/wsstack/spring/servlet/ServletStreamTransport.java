package io.wsstack.spring.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The servlet container's upgraded connection ({@code HttpServletRequest.upgrade}) as a
 * {@link FrameTransport}: the non-blocking {@code ServletOutputStream} with its
 * {@code WriteListener}, and the {@code ServletInputStream} read by a {@link ServletFrameReader}.
 */
final class ServletStreamTransport implements FrameTransport {

    private final WebConnection connection;
    /** The container's own buffers under this connection, told when a direction goes idle. */
    private final ContainerBuffers containerBuffers;
    private ServletOutputStream out;

    /** Call on the container's thread in {@code HttpUpgradeHandler.init}, before anything is read or written. */
    ServletStreamTransport(WebConnection connection) {
        this.connection = connection;
        // Tomcat's classes are touched only on Tomcat.
        this.containerBuffers = TomcatSocketRelease.isTomcat(connection)
                ? TomcatIdleBuffers.install(connection) : ContainerBuffers.NONE;
    }

    /** The container's buffers as this transport sees them (for tests). */
    ContainerBuffers containerBuffers() {
        return containerBuffers;
    }

    @Override
    public void startWriting(Writer writer) throws IOException {
        out = connection.getOutputStream();
        // The container answers with a first onWritePossible.
        out.setWriteListener(new WriteListener() {
            @Override
            public void onWritePossible() {
                try {
                    writer.onWritePossible();
                } finally {
                    // Tomcat finished a flush it had to leave pending; the writer may have written nothing since.
                    containerBuffers.writeFlushed();
                }
            }

            @Override
            public void onError(Throwable error) {
                writer.onWriteFailed(error);
            }
        });
    }

    @Override
    public boolean isWriteReady() {
        return out.isReady();
    }

    /** The container copies what is written into its own buffer before {@code write} returns. */
    @Override
    public boolean buffersFreeWhenReady() {
        return true;
    }

    /** One buffer at a time ({@link #maxBuffersPerWrite()} is 1): the stream may turn unready after any write. */
    @Override
    public void write(ByteBuffer[] buffers, int count) throws IOException {
        ByteBuffer frames = buffers[0];
        if (frames.hasArray()) {
            out.write(frames.array(), frames.arrayOffset() + frames.position(), frames.remaining());
        } else {
            out.write(frames);
        }
    }

    /** Containers may hold written bytes in their own buffer until flushed (Tomcat does). */
    @Override
    public void flush() throws IOException {
        out.flush();
        containerBuffers.writeFlushed();
    }

    @Override
    public void startReading(Reader reader) throws IOException {
        new ServletFrameReader(connection.getInputStream(), reader, containerBuffers::readDrained).start();
    }

    /**
     * Closes the upgraded connection and, on Tomcat, its socket at once (see
     * {@link TomcatSocketRelease}): a silent peer would otherwise keep it open.
     */
    @Override
    public void close() throws IOException {
        try {
            connection.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("closing the upgraded connection failed", e);
        } finally {
            TomcatSocketRelease.closeSocket(connection);
        }
    }
}
