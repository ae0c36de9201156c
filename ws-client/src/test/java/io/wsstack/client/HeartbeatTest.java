package io.wsstack.client;

import io.wsstack.core.WsCloseStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.wsstack.client.RecordingListener.WAIT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ping interval plus pong timeout (RFC 6455 §5.5.2, §5.5.3): a peer that stops answering is detected,
 * the session ends with 1011, and with a reconnect policy the client connects again.
 */
class HeartbeatTest {

    /** A peer that completes the handshake, then never reads or writes again, like a frozen process. */
    private static void silent(Socket socket) throws Exception {
        new RawServer.Peer(socket, null);
        Thread.sleep(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }

    /** A peer that answers pings (the engine queues the pongs) and echoes messages. */
    private static void answering(Socket socket) throws Exception {
        new RawServer.Peer(socket, null).echoUntilClose();
    }

    private static WsClient client() {
        return WsClient.builder().pingInterval(Duration.ofMillis(400)).pongTimeout(Duration.ofMillis(300)).build();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.2: no pong within the pong timeout: the session ends with 1011 and reports the timeout")
    void missingPongDetected() throws Exception {
        try (RawServer server = new RawServer(HeartbeatTest::silent); WsClient client = client()) {
            RecordingListener listener = new RecordingListener();
            WsClientSession session = client.connect(server.uri("/"), listener).get(WAIT_SECONDS, TimeUnit.SECONDS);
            WsCloseStatus status = session.closeFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(status.code()).isEqualTo(1011);
            assertThat(status.reason()).contains("no pong within 300 ms");
            assertThat(listener.errors).singleElement().isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.5.3: a peer that answers pings stays connected across many ping intervals")
    void answeredPingsKeepTheSession() throws Exception {
        try (RawServer server = new RawServer(HeartbeatTest::answering); WsClient client = client()) {
            RecordingListener listener = new RecordingListener();
            WsClientSession session = client.connect(server.uri("/"), listener).get(WAIT_SECONDS, TimeUnit.SECONDS);
            Thread.sleep(1600); // four ping intervals, each answered within the pong timeout
            assertThat(session.isOpen()).isTrue();
            assertThat(listener.kinds()).contains("pong");
            session.sendText("still here");
            assertThat(nextTextSkippingPongs(listener)).isEqualTo("still here");
            session.close().get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("heartbeat loss with reconnect on: the dead connection is replaced by a new one")
    void heartbeatLossReconnects() throws Exception {
        java.util.concurrent.atomic.AtomicInteger connection = new java.util.concurrent.atomic.AtomicInteger();
        RawServer.Script firstSilentThenAnswering = socket -> {
            if (connection.incrementAndGet() == 1) {
                silent(socket);
            } else {
                answering(socket);
            }
        };
        try (RawServer server = new RawServer(firstSilentThenAnswering); WsClient client = client()) {
            RecordingListener listener = new RecordingListener();
            ReconnectPolicy policy = ReconnectPolicy.builder().initialDelay(Duration.ofMillis(50))
                    .maxDelay(Duration.ofMillis(100)).build();
            ReconnectingSession session = client.connect(server.uri("/"), WsClientRequest.of(listener), policy);
            session.firstOpen().get(WAIT_SECONDS, TimeUnit.SECONDS);
            ReconnectAgainstRestartedServerTest.waitUntil(() -> session.connectCount() == 2, "a reconnect after the lost pong");
            assertThat(listener.all.stream().filter(e -> e.kind().equals("close")).map(RecordingListener.Event::code))
                    .first().isEqualTo(1011);
            session.sendText("on the new connection").get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(nextTextSkippingPongs(listener)).isEqualTo("on the new connection");
            session.close().get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static String nextTextSkippingPongs(RecordingListener listener) throws InterruptedException {
        while (true) {
            RecordingListener.Event event = listener.next();
            if (!event.kind().equals("pong")) {
                assertThat(event.kind()).isEqualTo("text");
                return event.text();
            }
        }
    }
}
