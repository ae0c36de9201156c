package io.wsstack.autoconfigure.servlet;

import org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Keeps browsers' WebSocket on HTTP/1.1 when Jetty serves HTTP/2.
 *
 * <p>Jetty's HTTP/2 connection factories advertise {@code SETTINGS_ENABLE_CONNECT_PROTOCOL = 1}
 * by default. A browser that sees it opens {@code wss://} as an RFC 8441 extended CONNECT stream
 * on its existing HTTP/2 connection, and does not retry over HTTP/1.1 when that fails. Our
 * handshake filter serves only the HTTP/1.1 {@code Upgrade: websocket} request, so every browser
 * WebSocket would fail. With the setting off, browsers open a separate HTTP/1.1 connection for
 * WebSocket (ALPN offers {@code http/1.1} beside {@code h2}).
 *
 * <p>What the application keeps: HTTP/2 for every other request. What it loses: WebSocket
 * multiplexed on the HTTP/2 connection, for our endpoints and for any other WebSocket server in the
 * application (Jetty's own JSR 356 container, which could serve RFC 8441, then also gets HTTP/1.1).
 */
final class JettyHttp2WebSocketCustomizer implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> {

    @Override
    public void customize(ConfigurableJettyWebServerFactory factory) {
        // Server customizers run after Boot has built the connectors (TLS, ALPN, h2 or h2c).
        factory.addServerCustomizers(JettyHttp2WebSocketCustomizer::disableExtendedConnect);
    }

    static void disableExtendedConnect(Server server) {
        for (Connector connector : server.getConnectors()) {
            for (ConnectionFactory factory : connector.getConnectionFactories()) {
                if (factory instanceof AbstractHTTP2ServerConnectionFactory h2) {
                    h2.setConnectProtocolEnabled(false);
                }
            }
        }
    }
}
