package io.wsstack.spring.servlet;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.ee11.servlet.ServletApiRequest;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpStream;

/**
 * The upgrade the way Jetty's own WebSocket server does it, bypassing the servlet upgrade of Jetty
 * 12.1, which hands the application an input that is already at its end when the upgrade request
 * carried no {@code Content-Length} (browsers, Node {@code ws}, Python {@code websockets}).
 *
 * <p>The filter sets the 101 status and handshake headers on the servlet response as usual; this
 * class puts a {@link JettyWsConnection} in the core request's
 * {@link HttpStream#UPGRADE_CONNECTION_ATTRIBUTE}. When the request completes, Jetty's HTTP/1.1
 * connection sends the 101, sees the attribute, and replaces itself on the endpoint with that
 * connection, handing over any bytes it had already read past the request head. The HTTP parser
 * never touches the connection again, so the early end of the request's input does no harm.
 */
final class JettyUpgrade implements ContainerUpgrade {

    @Override
    public boolean upgrade(HttpServletRequest request, SessionSetup setup) {
        ServletContextRequest coreRequest = coreRequest(request);
        if (coreRequest == null) {
            return false;
        }
        ConnectionMetaData metaData = coreRequest.getConnectionMetaData();
        // The attribute is honoured by the HTTP/1.1 connection only (HTTP/2 has no upgrade).
        if (metaData.getHttpVersion() != HttpVersion.HTTP_1_1) {
            return false;
        }
        Connector connector = metaData.getConnector();
        JettyWsConnection connection = new JettyWsConnection(metaData.getConnection().getEndPoint(),
                connector.getExecutor(), connector.getByteBufferPool(), setup);
        // Connection listeners of the connector (connection statistics, Micrometer's Jetty
        // connection metrics) see the upgraded connection open and close, as they saw the HTTP one.
        connector.getEventListeners().forEach(connection::addEventListener);
        coreRequest.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, connection);
        return true;
    }

    /** Jetty's request behind the application's wrappers (Spring Security's among them), or {@code null} on another container. */
    private static ServletContextRequest coreRequest(ServletRequest request) {
        ServletRequest inner = request;
        while (inner instanceof ServletRequestWrapper wrapper) {
            inner = wrapper.getRequest();
        }
        return inner instanceof ServletApiRequest ? ServletContextRequest.getServletContextRequest(inner) : null;
    }
}
