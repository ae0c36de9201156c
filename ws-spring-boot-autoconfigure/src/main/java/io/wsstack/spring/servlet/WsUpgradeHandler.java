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
        session = ServletWsSession.open(setup, transport != null ? transport : new ServletStreamTransport(connection));
    }

    @Override
    public void destroy() {
        if (session != null) {
            session.lifecycle().destroyed();
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
