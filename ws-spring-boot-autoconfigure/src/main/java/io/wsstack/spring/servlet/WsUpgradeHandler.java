package io.wsstack.spring.servlet;

import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The container-side end of an upgrade through {@code HttpServletRequest.upgrade}. The container
 * creates it (hence the public no-argument constructor), the handshake filter hands it the
 * {@link SessionSetup} before the 101 is sent, and the container calls {@link #init(WebConnection)}
 * once the connection has switched protocols.
 */
public final class WsUpgradeHandler implements HttpUpgradeHandler {

    private static final Log log = LogFactory.getLog(WsUpgradeHandler.class);

    private SessionSetup setup;
    private TomcatSocketTakeover takeover;
    private ServletWsSession session;
    /** The socket taken over from Tomcat, or {@code null} on the servlet upgrade's streams. */
    private TomcatSocketTransport socket;

    /** Created by the servlet container. */
    public WsUpgradeHandler() {
    }

    void prepare(SessionSetup setup, TomcatSocketTakeover takeover) {
        this.setup = setup;
        this.takeover = takeover;
    }

    @Override
    public void init(WebConnection connection) {
        if (setup == null) {
            closeQuietly(connection);
            return;
        }
        // On Tomcat's plain-text NIO connector the socket is served by our own loop; otherwise (and
        // whenever that is not possible) by the servlet upgrade's streams.
        FrameTransport transport = takeover == null ? null : takeover.takeOver(connection, setup);
        if (transport instanceof TomcatSocketTransport taken) {
            // A worker endpoint's onOpen runs on the session's handler lane, like its other handler
            // calls: one that blocks must not hold this Tomcat request thread.
            socket = taken;
            ServletWsSession created = ServletWsSession.create(setup, taken);
            session = created;
            taken.runInSessionOrder(created::start);
        } else {
            session = ServletWsSession.open(setup, new ServletStreamTransport(connection));
        }
    }

    @Override
    public void destroy() {
        ServletWsSession current = session;
        if (current == null) {
            return;
        }
        SessionLifecycle lifecycle = current.lifecycle();
        if (socket != null) {
            // Behind the open on the lane: a session destroyed before it opened still opens first, then ends.
            socket.runInSessionOrder(lifecycle::destroyed);
        } else {
            lifecycle.destroyed();
        }
    }

    private static void closeQuietly(WebConnection connection) {
        try {
            connection.close();
        } catch (Exception e) {
            log.debug("Closing an unprepared upgraded connection failed", e);
        }
    }
}
