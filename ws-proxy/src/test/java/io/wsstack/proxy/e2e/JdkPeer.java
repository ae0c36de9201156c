package io.wsstack.proxy.e2e;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The JDK's {@code java.net.http.WebSocket} as the proxy's client, queuing what arrives. */
final class JdkPeer implements WebSocket.Listener, AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private volatile String closeReason;
    private WebSocket ws;

    static JdkPeer connect(URI uri, String... subprotocols) throws Exception {
        JdkPeer peer = new JdkPeer();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        if (subprotocols.length > 0) {
            String[] rest = new String[subprotocols.length - 1];
            System.arraycopy(subprotocols, 1, rest, 0, rest.length);
            builder.subprotocols(subprotocols[0], rest);
        }
        peer.ws = builder.buildAsync(uri, peer).get(10, TimeUnit.SECONDS);
        return peer;
    }

    WebSocket ws() {
        return ws;
    }

    String nextText() throws InterruptedException {
        Object next = messages.poll(10, TimeUnit.SECONDS);
        if (!(next instanceof String s)) {
            throw new AssertionError("expected a text message, got " + next);
        }
        return s;
    }

    byte[] nextBinary() throws InterruptedException {
        Object next = messages.poll(10, TimeUnit.SECONDS);
        if (!(next instanceof byte[] b)) {
            throw new AssertionError("expected a binary message, got " + next);
        }
        return b;
    }

    ByteBuffer nextPong() throws InterruptedException {
        ByteBuffer pong = pongs.poll(10, TimeUnit.SECONDS);
        if (pong == null) {
            throw new AssertionError("no pong");
        }
        return pong;
    }

    /** The code of the proxy's Close frame. */
    int closeCode() throws Exception {
        return closeCode.get(15, TimeUnit.SECONDS);
    }

    String closeReason() throws Exception {
        closeCode();
        return closeReason;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            messages.add(text.toString());
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        binary.writeBytes(chunk);
        if (last) {
            messages.add(binary.toByteArray());
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        ByteBuffer copy = ByteBuffer.allocate(message.remaining());
        copy.put(message).flip();
        pongs.add(copy);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null);
        }
        if (ws != null) {
            ws.abort();
        }
    }
}
