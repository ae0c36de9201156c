package io.wsstack.spring.servlet;

import jakarta.servlet.http.WebConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.coyote.http11.upgrade.UpgradeProcessorExternal;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketBufferHandler;
import org.apache.tomcat.util.net.SocketWrapperBase;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Makes an upgraded plain-text Tomcat NIO connection borrow Tomcat's application buffers per read
 * batch and per flush instead of holding 16 KiB for its whole life (see {@link LentSocketBuffers}).
 *
 * <p>Why reflection: Tomcat offers no setting per connection. The connector-wide
 * {@code socket.appReadBufSize}/{@code appWriteBufSize} would shrink every HTTP exchange's buffers
 * too, and they also cap how many bytes one socket read or write moves. So at {@code init} of the
 * upgrade (on Tomcat's worker thread, before the connection reads or writes anything) the
 * channel's {@link SocketBufferHandler} is replaced, in the two places Tomcat keeps it (the
 * {@link NioChannel}'s {@code bufHandler} and the socket wrapper's {@code socketBufferHandler}), by a
 * lending one. All other code of Tomcat keeps running unchanged on top of it.
 *
 * <p>It applies only where it is known to be right, and otherwise leaves the connection as Tomcat
 * made it: Tomcat's NIO connector without TLS (TLS channels size their buffers to the TLS session
 * and keep 33 KiB of network buffers of their own besides), a handler whose public methods are all
 * covered by {@link LentSocketBuffers}, and the fields found. The e2e suites on Tomcat (with and
 * without TLS) run through it.
 */
final class TomcatIdleBuffers implements ContainerBuffers {

    private static final Log log = LogFactory.getLog(TomcatIdleBuffers.class);

    private static final Access ACCESS = Access.resolve();

    private final LentSocketBuffers buffers;
    private final SocketWrapperBase<?> wrapper;
    /** The lock Tomcat's upgraded output stream holds around every write and flush it makes. */
    private final Object writeLock;

    private TomcatIdleBuffers(LentSocketBuffers buffers, SocketWrapperBase<?> wrapper, Object writeLock) {
        this.buffers = buffers;
        this.wrapper = wrapper;
        this.writeLock = writeLock;
        buffers.claim(this);
    }

    /** The lending buffers for {@code connection}, installed now; {@link #NONE} where they do not apply. */
    static ContainerBuffers install(WebConnection connection) {
        if (ACCESS == null) {
            return NONE;
        }
        try {
            Object socketWrapper = TomcatSocketRelease.socketWrapper(connection);
            if (!(socketWrapper instanceof NioEndpoint.NioSocketWrapper wrapper)) {
                return NONE;
            }
            NioChannel channel = wrapper.getSocket();
            if (channel == null || channel.getClass() != NioChannel.class) {
                return NONE; // TLS (SecureNioChannel) or a closed connection
            }
            Object out = ACCESS.outputStream().get(connection);
            Object writeLock = out == null ? null : ACCESS.writeLock().get(out);
            if (writeLock == null) {
                return NONE;
            }
            SocketBufferHandler current = channel.getBufHandler();
            if (current != wrapper.getSocketBufferHandler()) {
                return NONE;
            }
            if (current instanceof LentSocketBuffers lent) {
                // A channel recycled from an earlier upgraded connection: already lending, but what
                // the HTTP exchange before this upgrade borrowed must go back as on a fresh channel.
                lent.upgradedAgain();
                return new TomcatIdleBuffers(lent, wrapper, writeLock);
            }
            if (!current.isWriteBufferEmpty() || current.getReadBuffer().isDirect()) {
                return NONE;
            }
            LentSocketBuffers lent = new LentSocketBuffers(current);
            ACCESS.channelBuffers().set(channel, lent);
            ACCESS.wrapperBuffers().set(wrapper, lent);
            return new TomcatIdleBuffers(lent, wrapper, writeLock);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("Tomcat's socket buffers stay with the upgraded connection", e);
            return NONE;
        }
    }

    @Override
    public void readDrained() {
        buffers.releaseRead(this);
    }

    /**
     * Under Tomcat's own write lock no write or flush of this connection is half done, so an empty
     * write buffer with nothing else pending is truly idle, whichever thread asks. Bytes still
     * pending mean Tomcat finishes the flush later on its own thread: the half stays.
     */
    @Override
    public void writeFlushed() {
        synchronized (writeLock) {
            if (!wrapper.hasDataToWrite()) {
                buffers.releaseWrite(this);
            }
        }
    }

    /** The lending handler in use (for tests). */
    LentSocketBuffers buffers() {
        return buffers;
    }

    /**
     * The two fields that hold the handler, and the way to the output stream's write lock, resolved
     * once; null when this Tomcat is not the one we know.
     */
    private record Access(Field channelBuffers, Field wrapperBuffers, Field outputStream, Field writeLock) {

        static Access resolve() {
            try {
                for (Method m : SocketBufferHandler.class.getMethods()) {
                    if (m.getDeclaringClass() == SocketBufferHandler.class && !Modifier.isStatic(m.getModifiers())
                            && LentSocketBuffers.class.getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass()
                            != LentSocketBuffers.class) {
                        log.info("Tomcat's socket buffers stay with upgraded connections: "
                                + "SocketBufferHandler." + m.getName() + " is not covered");
                        return null;
                    }
                }
                Field channel = NioChannel.class.getDeclaredField("bufHandler");
                Field wrapper = SocketWrapperBase.class.getDeclaredField("socketBufferHandler");
                if (!SocketBufferHandler.class.isAssignableFrom(channel.getType())
                        || !SocketBufferHandler.class.isAssignableFrom(wrapper.getType())) {
                    return null;
                }
                Field out = UpgradeProcessorExternal.class.getDeclaredField("upgradeServletOutputStream");
                Field lock = out.getType().getDeclaredField("writeLock");
                channel.setAccessible(true);
                wrapper.setAccessible(true);
                out.setAccessible(true);
                lock.setAccessible(true);
                return new Access(channel, wrapper, out, lock);
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.info("Tomcat's socket buffers stay with upgraded connections (idle connections keep "
                        + "16 KiB more)", e);
                return null;
            }
        }
    }
}
