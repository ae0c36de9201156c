package io.wsstack.bench.server;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Peer: Jetty 12 with its own WebSocket API (no servlets), echoing every text and binary message.
 * Jetty's core offers permessage-deflate by default, so it is negotiated whenever the client asks.
 */
public final class JettyEchoServer {

    private JettyEchoServer() {
    }

    /** Starts the server on the port given in {@code args} and blocks. */
    public static void main(String[] args) throws Exception {
        ServerArgs options = ServerArgs.parse(args);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(options.port());
        connector.setAcceptQueueSize(1024);
        connector.setIdleTimeout(Duration.ofMinutes(10).toMillis());
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(ServerArgs.MAX_MESSAGE);
            container.setMaxBinaryMessageSize(ServerArgs.MAX_MESSAGE);
            // The idle-connection phase keeps 10,000 sockets silent for a while; Jetty's default is 30 s.
            container.setIdleTimeout(Duration.ofMinutes(10));
            container.addMapping(ServerArgs.PATH, (request, response, callback) -> new Echo());
        }));
        server.start();
        AdminPort.open(options.adminPort());
        server.join();
    }

    /** Sends every message straight back; Jetty demands the next frame automatically. */
    public static final class Echo extends Session.Listener.AbstractAutoDemanding {

        @Override
        public void onWebSocketText(String message) {
            getSession().sendText(message, Callback.NOOP);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            getSession().sendBinary(payload, callback);
        }
    }
}
