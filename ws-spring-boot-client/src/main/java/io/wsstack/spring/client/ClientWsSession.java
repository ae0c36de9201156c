package io.wsstack.spring.client;

import io.wsstack.client.ReconnectingSession;
import io.wsstack.client.WsClientSession;
import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.WsSession;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client endpoint's conversation as {@code @WsHandler} methods see it: the same {@link WsSession}
 * as on the server side, one object for the whole life of the endpoint, across reconnects. Sends go
 * to the connection that is open; while none is, the endpoint's reconnect policy refuses or keeps
 * them. During {@code @WsOnOpen} the new connection is already the target, so a resubscription sent
 * there goes out first.
 */
final class ClientWsSession implements WsSession {

    private final String endpoint;
    private final URI uri;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private volatile ReconnectingSession handle;
    private volatile WsClientSession connection;

    ClientWsSession(String endpoint, URI uri) {
        this.endpoint = endpoint;
        this.uri = uri;
    }

    /** The handle, known once connecting started (the first open may come a moment earlier). */
    void attach(ReconnectingSession handle) {
        this.handle = handle;
    }

    /** The connection that just opened; called before the open handlers run. */
    void connected(WsClientSession session) {
        connection = session;
    }

    /** The handle that survives reconnects. */
    ReconnectingSession handle() {
        return handle;
    }

    @Override
    public String id() {
        return "client:" + endpoint;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public String path() {
        String path = uri.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    @Override
    public Map<String, String> pathVariables() {
        return Map.of();
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** A client connection has no authenticated principal of its own. */
    @Override
    public Principal principal() {
        return null;
    }

    @Override
    public String subprotocol() {
        WsClientSession session = connection;
        return session == null ? null : session.subprotocol();
    }

    @Override
    public List<ExtensionOffer> extensions() {
        WsClientSession session = connection;
        return session == null || session.deflate() == null ? List.of()
                : List.of(new ExtensionOffer("permessage-deflate", List.of()));
    }

    /** The server's address as configured (the peer of a client connection is the server). */
    @Override
    public InetSocketAddress remoteAddress() {
        int port = uri.getPort() != -1 ? uri.getPort() : "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return InetSocketAddress.createUnresolved(uri.getHost(), port);
    }

    @Override
    public boolean isOpen() {
        WsClientSession session = connection;
        return session != null && session.isOpen();
    }

    @Override
    public CompletableFuture<Void> sendText(String text) {
        WsClientSession session = connection;
        return session != null && session.isOpen() ? session.sendText(text) : whenDisconnected().sendText(text);
    }

    @Override
    public CompletableFuture<Void> sendBinary(ByteBuffer data) {
        WsClientSession session = connection;
        return session != null && session.isOpen() ? session.sendBinary(data) : whenDisconnected().sendBinary(data);
    }

    @Override
    public CompletableFuture<Void> ping(ByteBuffer payload) {
        WsClientSession session = connection;
        if (session == null || !session.isOpen()) {
            return CompletableFuture.failedFuture(new IllegalStateException("client endpoint '" + endpoint + "' is not connected"));
        }
        return session.ping(payload);
    }

    /** Ends the conversation: the connection closes with this status and is not reopened. */
    @Override
    public CompletableFuture<Void> close(WsCloseStatus status) {
        return whenDisconnected().close(status.code(), status.reason()).thenApply(ended -> null);
    }

    /** The handle, which refuses or keeps sends as the endpoint's policy says. */
    private ReconnectingSession whenDisconnected() {
        ReconnectingSession h = handle;
        if (h == null) {
            throw new IllegalStateException("client endpoint '" + endpoint + "' has not started connecting");
        }
        return h;
    }

    @Override
    public String toString() {
        return "ClientWsSession[" + endpoint + " " + uri + "]";
    }
}
