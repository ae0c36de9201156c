package io.wsstack.testsupport;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.WsSession;

/** A {@link WsSession} test double that records what was sent, as "text:..." and "binary:<utf-8 of bytes>". */
public final class RecordingWsSession implements WsSession {

    private final String endpoint;
    private final String path;
    private final Map<String, String> pathVariables;
    private final Principal principal;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final List<String> sent = new ArrayList<>();

    public RecordingWsSession(String endpoint, String path, Map<String, String> pathVariables, Principal principal) {
        this.endpoint = endpoint;
        this.path = path;
        this.pathVariables = pathVariables;
        this.principal = principal;
    }

    /** What was sent, in order. */
    public List<String> sent() {
        return sent;
    }

    @Override
    public String id() {
        return "s1";
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Map<String, String> pathVariables() {
        return pathVariables;
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public Principal principal() {
        return principal;
    }

    @Override
    public String subprotocol() {
        return null;
    }

    @Override
    public List<ExtensionOffer> extensions() {
        return List.of();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return InetSocketAddress.createUnresolved("client.test", 50000);
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public CompletableFuture<Void> sendText(String text) {
        sent.add("text:" + text);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> sendBinary(ByteBuffer data) {
        ByteBuffer copy = data.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        sent.add("binary:" + new String(bytes, StandardCharsets.UTF_8));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> ping(ByteBuffer payload) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> close(WsCloseStatus status) {
        sent.add("close:" + status.code());
        return CompletableFuture.completedFuture(null);
    }
}
