package io.wsstack.spring.servlet;

import jakarta.servlet.http.WebConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketBufferHandler;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Takes the plain TCP socket of a Tomcat 11 NIO servlet upgrade away from Tomcat's poller, for
 * {@link TomcatSocketTransport}. Only this class touches Tomcat's types on that path, so it is
 * loaded only once a connection is known to be Tomcat's.
 *
 * <p>What Tomcat does after {@code HttpUpgradeHandler.init} returns (checked in Tomcat 11.0's
 * {@code AbstractProtocol.ConnectionHandler.process} and {@code NioEndpoint.Poller.processKey}):
 * it dispatches the upgraded processor once, which, with no {@code ReadListener} set, reads
 * nothing, and then registers read interest for the socket in its poller. When bytes arrive the
 * poller clears that interest and hands the socket to a worker, which registers it again: without
 * intervention Tomcat would wake up for every packet alongside our loop. The poller skips that
 * dispatch while the socket wrapper's {@code readBlocking} flag is set (a blocking read is
 * waiting: it only clears the flag and notifies), and then nothing registers interest again. So
 * the flag is set here, before Tomcat's registration: at most one poller wake-up per connection,
 * no worker dispatch, and Tomcat's key stays registered with no interest, which keeps the
 * connection in Tomcat's books (connection count, stop) until it is closed through the wrapper.
 * The upgrade already switched Tomcat's read and write timeouts off.
 *
 * <p>Bytes Tomcat read past the upgrade request (the client's first frames, in the request's
 * packet) are in the wrapper's read buffer; they are taken out here and handed to the session
 * before anything is read from the socket.
 */
final class TomcatSocketAccess {

    private static final Log log = LogFactory.getLog(TomcatSocketAccess.class);

    /** {@code NioSocketWrapper.readBlocking}, or {@code null} when this Tomcat has no such field. */
    private static final Field READ_BLOCKING = readBlockingField();

    /**
     * A socket taken over: its channel, the bytes already read past the request (or {@code null}),
     * and the close that releases it in Tomcat's books.
     */
    record Taken(SocketChannel channel, ByteBuffer early, Runnable close) {
    }

    private TomcatSocketAccess() {
    }

    /**
     * Takes the socket under {@code connection}, or returns {@code null} and appends why not (for
     * the log) to {@code refusal} when the connection is not one this can take: TLS, another
     * Tomcat connector (NIO2), bytes of the 101 still unwritten, or this Tomcat's internals not the
     * ones known. Call in {@code HttpUpgradeHandler.init}, on Tomcat's thread.
     */
    static Taken take(WebConnection connection, StringBuilder refusal) {
        if (READ_BLOCKING == null) {
            refusal.append("this Tomcat's NIO socket wrapper is not the one known");
            return null;
        }
        try {
            Object socketWrapper = TomcatSocketRelease.socketWrapper(connection);
            if (!(socketWrapper instanceof NioEndpoint.NioSocketWrapper wrapper)) {
                refusal.append("not Tomcat's NIO connector (").append(socketWrapper == null ? "no socket"
                        : socketWrapper.getClass().getName()).append(')');
                return null;
            }
            NioChannel channel = wrapper.getSocket();
            if (channel == null || channel.getClass() != NioChannel.class) {
                refusal.append(channel == null ? "the connection is closed" : "TLS connection");
                return null;
            }
            if (wrapper.hasDataToWrite() || wrapper.isClosed()) {
                refusal.append("the handshake response is not fully written");
                return null;
            }
            SocketChannel socket = channel.getIOChannel();
            if (socket == null || !socket.isOpen() || socket.isBlocking()) {
                refusal.append("the socket is not an open non-blocking channel");
                return null;
            }
            READ_BLOCKING.setBoolean(wrapper, true);
            ByteBuffer early = drainReadBuffer(wrapper.getSocketBufferHandler());
            // Tomcat reads and writes nothing more for this connection: its 16 KiB of buffers go back.
            ContainerBuffers buffers = TomcatIdleBuffers.install(connection);
            buffers.readDrained();
            buffers.writeFlushed();
            return new Taken(socket, early, wrapper::close);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("Taking over Tomcat's upgraded socket failed", e);
            refusal.append("reaching Tomcat's socket failed: ").append(e);
            return null;
        }
    }

    /** The bytes waiting in Tomcat's read buffer, copied out, or {@code null} when there are none. */
    private static ByteBuffer drainReadBuffer(SocketBufferHandler buffers) {
        if (buffers == null || buffers.isReadBufferEmpty()) {
            return null;
        }
        buffers.configureReadBufferForRead();
        ByteBuffer read = buffers.getReadBuffer();
        ByteBuffer copy = ByteBuffer.allocate(read.remaining());
        copy.put(read).flip();
        return copy;
    }

    private static Field readBlockingField() {
        try {
            Field field = NioEndpoint.NioSocketWrapper.class.getDeclaredField("readBlocking");
            if (field.getType() != boolean.class) {
                return null;
            }
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("Tomcat's NioSocketWrapper.readBlocking is not reachable", e);
            return null;
        }
    }
}
