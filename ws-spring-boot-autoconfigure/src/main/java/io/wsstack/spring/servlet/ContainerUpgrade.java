package io.wsstack.spring.servlet;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.util.ClassUtils;

/**
 * A container's own way to switch an accepted handshake's connection to WebSocket, used instead of
 * {@code HttpServletRequest.upgrade} where the servlet upgrade cannot serve real clients.
 *
 * <p>Only Jetty 12.1 needs one today (see the package documentation). Its classes are loaded only
 * when Jetty's are on the class path, so applications on other containers never link against Jetty.
 */
interface ContainerUpgrade {

    /** Jetty 12.1's EE 11 servlet request, which leads to its core request, connection and endpoint. */
    String JETTY_SERVLET_REQUEST = "org.eclipse.jetty.ee11.servlet.ServletContextRequest";

    /** Jetty's HTTP stream, whose request attribute hands a new connection to the HTTP/1.1 connection. */
    String JETTY_HTTP_STREAM = "org.eclipse.jetty.server.HttpStream";

    /**
     * Takes over the connection of an accepted handshake whose 101 status and headers are set on
     * {@code request}'s response; the session opens once the container has sent the 101.
     *
     * @return false when the request did not come through this container (or not over HTTP/1.1):
     *         nothing was done, and the caller uses the servlet upgrade
     */
    boolean upgrade(HttpServletRequest request, SessionSetup setup);

    /** The container upgrade for the containers on {@code classLoader}'s class path, or {@code null}. */
    static ContainerUpgrade detect(ClassLoader classLoader) {
        if (ClassUtils.isPresent(JETTY_SERVLET_REQUEST, classLoader) && ClassUtils.isPresent(JETTY_HTTP_STREAM, classLoader)) {
            return new JettyUpgrade();
        }
        return null;
    }
}
