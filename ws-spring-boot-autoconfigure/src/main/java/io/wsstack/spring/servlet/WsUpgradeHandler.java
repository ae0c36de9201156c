package io.wsstack.spring.servlet;

import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The container-side end of an accepted upgrade. The container creates it through
 * {@code HttpServletRequest.upgrade} (hence the public no-argument constructor), the handshake filter
 * hands it the {@link SessionSetup} before the 101 is sent, and the container calls
 * {@link #init(WebConnection)} once the connection has switched protocols.
 */
public final class WsUpgradeHandler implements HttpUpgradeHandler {

    private static final Log log = LogFactory.getLog(WsUpgradeHandler.class);

    /** Session ids: a random per-process prefix and a counter, unique without the cost of a UUID. */
    private static final String ID_PREFIX = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + "-";
    private static final AtomicLong ID_COUNTER = new AtomicLong();

    private SessionSetup setup;
    private ServletWsSession session;

    /** Created by the servlet container. */
    public WsUpgradeHandler() {
    }

    void prepare(SessionSetup setup) {
        this.setup = setup;
    }

    @Override
    public void init(WebConnection connection) {
        if (setup == null) {
            closeQuietly(connection);
            return;
        }
        session = new ServletWsSession(ID_PREFIX + Long.toHexString(ID_COUNTER.incrementAndGet()), setup, connection);
        try {
            session.open();
        } catch (IOException | RuntimeException e) {
            log.debug("Opening WebSocket session on endpoint '" + setup.endpoint().name() + "' failed", e);
            session.lifecycle().destroyed();
        }
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
