package io.wsstack.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The JDK's WebSocket client with a listener that queues what arrives, for the end-to-end tests. */
final class JdkClient implements AutoCloseable, WebSocket.Listener {

    private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private volatile String closeReason;
    private final StringBuilder text = new StringBuilder();
    private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
    private WebSocket ws;

    private JdkClient() {
    }

    /** Connects with the given subprotocols and extra header name/value pairs. */
    static JdkClient connect(HttpClient http, URI uri, String[] subprotocols, String... headers) throws Exception {
        JdkClient client = new JdkClient();
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (subprotocols.length > 0) {
            String[] rest = new String[subprotocols.length - 1];
            System.arraycopy(subprotocols, 1, rest, 0, rest.length);
            builder.subprotocols(subprotocols[0], rest);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        client.ws = builder.buildAsync(uri, client).get(10, TimeUnit.SECONDS);
        return client;
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

    /** The code of the server's Close frame. */
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
            binary = new java.io.ByteArrayOutputStream();
        }
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
