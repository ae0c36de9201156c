package io.wsstack.client;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.ConnectionSettings;
import io.wsstack.core.WebSocketMessage;
import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.deflate.DeflateResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.wsstack.client.RecordingListener.WAIT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * An open session when the server or the network misbehaves: silence, resets, truncated frames,
 * protocol violations. Every case must end with an exact close code and everything released:
 * socket, reader and writer threads, and the compressor and decompressor.
 */
class ConnectionFaultTest {

    private final WsClient client = WsClient.builder().closeTimeout(Duration.ofMillis(400)).build();
    private long deflaters;
    private long inflaters;

    @BeforeEach
    void baseline() {
        deflaters = DeflateResources.liveDeflaters();
        inflaters = DeflateResources.liveInflaters();
    }

    @AfterEach
    void close() {
        client.close();
    }

    private void assertReleased() {
        assertThat(client.sessionCount()).isZero();
        assertThat(DeflateResources.liveDeflaters()).isEqualTo(deflaters);
        assertThat(DeflateResources.liveInflaters()).isEqualTo(inflaters);
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("wsclient-reader-") || t.getName().startsWith("wsclient-writer-")));
    }

    private WsClientSession open(RawServer server, RecordingListener listener) throws Exception {
        return client.connect(server.uri("/"), listener).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("RFC 6455 §7.1.1 / §7.1.5: a server that never answers our Close is dropped after the close timeout → 1006")
    void closeTimeout() throws Exception {
        CountDownLatch serverSawEof = new CountDownLatch(1);
        try (RawServer server = new RawServer(socket -> {
            RawServer.Peer peer = new RawServer.Peer(socket, DeflateOptions.defaults());
            if (peer.awaitEof()) {
                serverSawEof.countDown();
            }
        })) {
            RecordingListener listener = new RecordingListener();
            WsClientSession session = open(server, listener);
            assertThat(session.deflate()).isNotNull();

            WsCloseStatus status = session.close(CloseCodes.NORMAL_CLOSURE, "bye").get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(status.code()).isEqualTo(CloseCodes.ABNORMAL_CLOSURE);
            assertThat(status.reason()).contains("close timeout");
            assertThat(serverSawEof.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(listener.kinds()).containsExactly("open", "close");
            assertReleased();
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.1.5: a reset in the middle of a frame ends the session with 1006 and releases everything")
    void resetMidFrame() throws Exception {
        try (RawServer server = new RawServer(socket -> {
            RawServer.Peer peer = new RawServer.Peer(socket, DeflateOptions.defaults());
            peer.write(HexFormat.of().parseHex("8264" + "00".repeat(10))); // binary, 100 bytes declared, 10 sent
            socket.setSoLinger(true, 0);
        })) {
            RecordingListener listener = new RecordingListener();
            WsClientSession session = open(server, listener);

            WsCloseStatus status = session.closeFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(status.code()).isEqualTo(CloseCodes.ABNORMAL_CLOSURE);
            assertThat(listener.kinds()).doesNotContain("binary").endsWith("close");
            assertThat(listener.all.get(listener.all.size() - 1).code()).isEqualTo(CloseCodes.ABNORMAL_CLOSURE);
            assertReleased();
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.1.5: end of stream in the middle of a frame ends the session with 1006, no error")
    void endOfStreamMidFrame() throws Exception {
        try (RawServer server = new RawServer(socket -> {
            RawServer.Peer peer = new RawServer.Peer(socket, null);
            peer.write(HexFormat.of().parseHex("810548656c")); // "Hello" declared, "Hel" sent
        })) {
            RecordingListener listener = new RecordingListener();
            WsClientSession session = open(server, listener);

            WsCloseStatus status = session.closeFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(status.code()).isEqualTo(CloseCodes.ABNORMAL_CLOSURE);
            assertThat(listener.kinds()).containsExactly("open", "close");
            assertReleased();
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.1: a masked frame from the server fails the connection with Close 1002")
    void maskedServerFrame() throws Exception {
        CompletableFuture<WebSocketMessage> closeFromClient = new CompletableFuture<>();
        try (RawServer server = new RawServer(socket -> {
            RawServer.Peer peer = new RawServer.Peer(socket, null);
            peer.write(HexFormat.of().parseHex("818537fa213d7f9f4d5158")); // RFC 6455 §5.7 masked "Hello"
            try {
                closeFromClient.complete(peer.next());
            } catch (WebSocketProtocolException e) {
                // our engine refuses the client's frame only if it were unmasked: never here
                closeFromClient.completeExceptionally(e);
            }
        })) {
            RecordingListener listener = new RecordingListener();
            WsClientSession session = open(server, listener);

            WsCloseStatus status = session.closeFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(status.code()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
            assertThat(closeFromClient.get(WAIT_SECONDS, TimeUnit.SECONDS).closeCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
            assertThat(listener.errors).singleElement().isInstanceOf(WebSocketProtocolException.ProtocolViolation.class);
            assertThat(listener.kinds()).containsExactly("open", "error", "close");
            assertReleased();
        }
    }

    @Test
    @DisplayName("RFC 6455 §8.1: a text message that is not UTF-8 (C0 80) fails the connection with Close 1007")
    void invalidUtf8() throws Exception {
        CompletableFuture<WebSocketMessage> closeFromClient = new CompletableFuture<>();
        try (RawServer server = new RawServer(socket -> {
            RawServer.Peer peer = new RawServer.Peer(socket, null);
            peer.write(HexFormat.of().parseHex("8102c080"));
            closeFromClient.complete(peer.next());
        })) {
            RecordingListener listener = new RecordingListener();
            WsClientSession session = open(server, listener);

            assertThat(session.closeFuture().get(WAIT_SECONDS, TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
            assertThat(closeFromClient.get(WAIT_SECONDS, TimeUnit.SECONDS).closeCode()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
            assertThat(listener.errors).singleElement().isInstanceOf(WebSocketProtocolException.InvalidPayload.class);
            assertReleased();
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: a message over the client's limit fails the connection with Close 1009")
    void messageTooBig() throws Exception {
        try (WsClient small = WsClient.builder().closeTimeout(Duration.ofMillis(400))
                .connectionSettings(ConnectionSettings.builder().maxMessageSize(1000).build()).build();
             RawServer server = new RawServer(socket -> {
                 RawServer.Peer peer = new RawServer.Peer(socket, null);
                 peer.write(peer.engine.sendBinary(new byte[1001]));
                 peer.next();
             })) {
            RecordingListener listener = new RecordingListener();
            WsClientSession session = small.connect(server.uri("/"), listener).get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(session.closeFuture().get(WAIT_SECONDS, TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
            assertThat(listener.kinds()).containsExactly("open", "error", "close");
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.5.2 / §5.5.3: a ping from the server is answered with a pong carrying the same payload")
    void autoPong() throws Exception {
        CompletableFuture<WebSocketMessage> pong = new CompletableFuture<>();
        try (RawServer server = new RawServer(socket -> {
            RawServer.Peer peer = new RawServer.Peer(socket, null);
            peer.write(peer.engine.sendPing("tick"));
            pong.complete(peer.next());
            peer.write(peer.engine.sendClose(CloseCodes.NORMAL_CLOSURE, ""));
            peer.next();
        })) {
            RecordingListener listener = new RecordingListener();
            WsClientSession session = open(server, listener);

            assertThat(pong.get(WAIT_SECONDS, TimeUnit.SECONDS).type()).isEqualTo(WebSocketMessage.Type.PONG);
            assertThat(pong.get().text()).isEqualTo("tick");
            assertThat(session.closeFuture().get(WAIT_SECONDS, TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.NORMAL_CLOSURE);
            assertThat(listener.kinds()).containsExactly("open", "ping", "close");
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.5.2: with a ping interval, a quiet connection is pinged and the pong reported")
    void keepalivePing() throws Exception {
        try (WsClient pinging = WsClient.builder().pingInterval(Duration.ofMillis(100)).build();
             RawServer server = new RawServer(socket -> {
                 RawServer.Peer peer = new RawServer.Peer(socket, null);
                 while (peer.next().type() != WebSocketMessage.Type.CLOSE) {
                     // the engine answers pings by itself
                 }
             })) {
            RecordingListener listener = new RecordingListener();
            WsClientSession session = pinging.connect(server.uri("/"), listener).get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(listener.next().kind()).isEqualTo("pong");
            assertThat(session.close().get(WAIT_SECONDS, TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.NORMAL_CLOSURE);
        }
    }

    @Test
    @DisplayName("RFC 6455 §10.4 (slow reader): sends beyond the send buffer fail with SendBufferFullException, memory stays bounded")
    void sendBufferBounded() throws Exception {
        long limit = 256 * 1024;
        int size = 64 * 1024;
        try (WsClient bounded = WsClient.builder().noCompression().maxSendBuffer(limit)
                .closeTimeout(Duration.ofMillis(300)).build();
             RawServer server = new RawServer(socket -> {
                 new RawServer.Peer(socket, null);
                 Thread.sleep(60_000); // never reads again
             })) {
            WsClientSession session = bounded.connect(server.uri("/"), new RecordingListener())
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            CompletableFuture<Void> refused = null;
            for (int i = 0; i < 10_000 && refused == null; i++) {
                CompletableFuture<Void> send = session.sendBinary(new byte[size]);
                if (send.isCompletedExceptionally()) {
                    refused = send;
                }
                assertThat(session.queuedBytes()).isLessThanOrEqualTo(limit + size + 14);
            }
            assertThat(refused).as("a send was refused before 10000 x 64 KiB").isNotNull();
            assertThatThrownBy(refused::get).cause().isInstanceOf(SendBufferFullException.class);
            assertThat(session.isOpen()).isTrue();

            session.abort();
            assertThat(session.closeFuture().get(WAIT_SECONDS, TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.ABNORMAL_CLOSURE);
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: after our Close nothing more is sent; sends fail with IllegalStateException")
    void nothingAfterClose() throws Exception {
        try (RawServer server = new RawServer(socket -> {
            RawServer.Peer peer = new RawServer.Peer(socket, null);
            while (peer.next().type() != WebSocketMessage.Type.CLOSE) {
                // wait for the client's Close, which the engine echoes
            }
        })) {
            WsClientSession session = open(server, new RecordingListener());
            CompletableFuture<WsCloseStatus> closing = session.close(4000, "done");
            CompletableFuture<Void> late = session.sendText("too late");

            assertThatThrownBy(() -> late.get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(IllegalStateException.class);
            assertThat(closing.get(WAIT_SECONDS, TimeUnit.SECONDS).code()).isEqualTo(4000);
            assertReleased();
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: a listener that throws closes the session with 1011 and hears onError")
    void listenerFailureCloses1011() throws Exception {
        try (RawServer server = new RawServer(socket -> {
            RawServer.Peer peer = new RawServer.Peer(socket, null);
            peer.write(peer.engine.sendText("boom"));
            while (peer.next().type() != WebSocketMessage.Type.CLOSE) {
                // the engine echoes the client's Close
            }
        })) {
            RecordingListener listener = new RecordingListener() {
                @Override
                public void onText(WsClientSession session, String text) {
                    throw new IllegalStateException("listener failed on " + text);
                }
            };
            WsClientSession session = open(server, listener);

            assertThat(session.closeFuture().get(WAIT_SECONDS, TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.INTERNAL_ERROR);
            assertThat(listener.errors).singleElement().isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.1.5: abort() drops the connection at once → 1006")
    void abort() throws Exception {
        try (RawServer server = new RawServer(socket -> new RawServer.Peer(socket, DeflateOptions.defaults()).awaitEof())) {
            RecordingListener listener = new RecordingListener();
            WsClientSession session = open(server, listener);
            session.abort();
            assertThat(session.closeFuture().get(WAIT_SECONDS, TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.ABNORMAL_CLOSURE);
            assertThat(listener.errors).isEmpty();
            assertReleased();
        }
    }
}
