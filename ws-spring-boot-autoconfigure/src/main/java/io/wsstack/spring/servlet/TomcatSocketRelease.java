package io.wsstack.spring.servlet;

import jakarta.servlet.http.WebConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Releases the TCP connection under a Tomcat servlet upgrade when the session drops it.
 *
 * <p>Why this exists: Tomcat gives a servlet upgrade ("external" upgrade) infinite read and write
 * timeouts, and {@code WebConnection.close()} only marks its streams closed; Tomcat closes the
 * socket when the next socket event for it is processed. A peer that stays silent after a close
 * the server started (close timeout, ping timeout, a handler's or a policy close) sends no such
 * event, so the socket stayed ESTABLISHED for minutes while the session was long gone: file
 * descriptors leaked toward the connector's connection cap. The servlet API offers no way to close
 * the socket itself, so on Tomcat this closes the upgraded connection's socket wrapper directly,
 * as Tomcat's own WebSocket implementation does from any thread ({@code SocketWrapperBase.close()}
 * is thread-safe; Tomcat then releases the processor and calls the handler's {@code destroy()}).
 *
 * <p>It reaches the wrapper through the fields of Tomcat 11's
 * {@code UpgradeProcessorExternal}; if they are not found (another container, another Tomcat
 * layout) it does nothing and Tomcat's own behaviour applies. The end-to-end bad-peer tests check,
 * on Tomcat and Jetty, that a silent peer sees its socket closed within the close timeout.
 */
final class TomcatSocketRelease {

    private static final Log log = LogFactory.getLog(TomcatSocketRelease.class);
    static final String PROCESSOR = "org.apache.coyote.http11.upgrade.UpgradeProcessorExternal";

    /** The field path from the WebConnection to the socket wrapper, resolved once; null when not Tomcat's. */
    private static volatile Access access;
    private static volatile boolean resolved;

    private record Access(Field inputStream, Field socketWrapper, Method close) {
    }

    private TomcatSocketRelease() {
    }

    /** Whether {@code connection} is Tomcat's servlet upgrade (so Tomcat's classes are present). */
    static boolean isTomcat(WebConnection connection) {
        return connection.getClass().getName().equals(PROCESSOR);
    }

    /** Closes the socket under {@code connection} if it is a Tomcat servlet upgrade; otherwise does nothing. */
    static void closeSocket(WebConnection connection) {
        if (!isTomcat(connection)) {
            return;
        }
        Access a = access(connection.getClass());
        if (a == null) {
            return;
        }
        try {
            Object wrapper = socketWrapper(connection);
            if (wrapper != null) {
                a.close().invoke(wrapper);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("Closing Tomcat's upgraded socket failed", e);
        }
    }

    /** Tomcat's socket wrapper under a servlet upgrade, or {@code null} when it cannot be reached. */
    static Object socketWrapper(WebConnection connection) throws ReflectiveOperationException {
        if (!isTomcat(connection)) {
            return null;
        }
        Access a = access(connection.getClass());
        if (a == null) {
            return null;
        }
        Object in = a.inputStream().get(connection);
        return in == null ? null : a.socketWrapper().get(in);
    }

    private static Access access(Class<?> processorClass) {
        if (resolved) {
            return access;
        }
        synchronized (TomcatSocketRelease.class) {
            if (!resolved) {
                try {
                    Field in = processorClass.getDeclaredField("upgradeServletInputStream");
                    in.setAccessible(true);
                    Field wrapper = in.getType().getDeclaredField("socketWrapper");
                    wrapper.setAccessible(true);
                    Method close = wrapper.getType().getMethod("close");
                    access = new Access(in, wrapper, close);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    log.info("Tomcat's upgraded socket is not reachable; a connection the server closes is "
                            + "released at the peer's next packet", e);
                }
                resolved = true;
            }
        }
        return access;
    }
}
