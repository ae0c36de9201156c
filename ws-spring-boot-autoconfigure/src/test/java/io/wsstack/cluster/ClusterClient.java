package io.wsstack.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** A browser-like WebSocket client of one instance's {@code room} endpoint (the JDK's client). */
final class ClusterClient implements AutoCloseable, WebSocket.Listener {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private WebSocket ws;
    private String sessionId;

    /**
     * Connects to an instance and waits until the cluster can reach the new session: its
     * channels are subscribed in order, the session's own last (see LocalMembers).
     */
    static ClusterClient connect(ConfigurableApplicationContext instance, String user, RedisServer redis) throws Exception {
        ClusterClient client = connect(Integer.parseInt(instance.getEnvironment().getProperty("local.server.port")), user);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> redis.subscribers("ws:s:" + client.sessionId()) == 1);
        return client;
    }

    static ClusterClient connect(int port, String user) throws Exception {
        ClusterClient client = new ClusterClient();
        String query = user == null ? "" : "?user=" + user;
        client.ws = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/room" + query), client)
                .get(10, TimeUnit.SECONDS);
        String hello = client.next();
        assertThat(hello).startsWith("id:");
        client.sessionId = hello.substring(3);
        return client;
    }

    String sessionId() {
        return sessionId;
    }

    /** Joins a group and waits for the instance to confirm. */
    ClusterClient join(String group) throws Exception {
        ws.sendText("join:" + group, true).get(5, TimeUnit.SECONDS);
        assertThat(next()).isEqualTo("joined:" + group);
        return this;
    }

    void leave(String group) throws Exception {
        ws.sendText("leave:" + group, true).get(5, TimeUnit.SECONDS);
        assertThat(next()).isEqualTo("left:" + group);
    }

    /** The next text message, waiting up to 10 s. */
    String next() throws InterruptedException {
        Object next = messages.poll(10, TimeUnit.SECONDS);
        if (!(next instanceof String s)) {
            throw new AssertionError("expected a text message, got " + next);
        }
        return s;
    }

    /** The next message of any kind within {@code millis}, or {@code null}. */
    Object poll(long millis) throws InterruptedException {
        return messages.poll(millis, TimeUnit.MILLISECONDS);
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
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        messages.add(bytes);
        webSocket.request(1);
        return null;
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        ws.abort();
    }
}
