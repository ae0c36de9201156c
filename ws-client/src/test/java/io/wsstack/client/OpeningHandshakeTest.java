package io.wsstack.client;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.deflate.DeflateNegotiationException;
import io.wsstack.core.deflate.DeflateResources;
import io.wsstack.core.handshake.HandshakeFailedException;
import io.wsstack.core.handshake.HandshakeRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.wsstack.client.RecordingListener.WAIT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The opening handshake against servers that misbehave on purpose (raw sockets on loopback). */
class OpeningHandshakeTest {

    private final WsClient client = WsClient.builder().handshakeTimeout(Duration.ofMillis(500)).build();

    @AfterEach
    void close() {
        client.close();
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        try {
            future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the attempt succeeded");
    }

    @Test
    @DisplayName("RFC 6455 §4.1: frames sent in the same segment as the 101 are delivered in order, after onOpen, on the reader thread")
    void framesGluedToThe101() throws Exception {
        try (RawServer server = new RawServer(socket -> {
            HandshakeRequest request = RawServer.readRequest(socket.getInputStream());
            socket.getOutputStream().write(RawServer.concat(
                    RawServer.switching(RawServer.acceptFor(request), ""),
                    RawServer.frame(0x1, "first".getBytes(StandardCharsets.UTF_8)),
                    RawServer.frame(0x2, new byte[] {1, 2, 3}),
                    RawServer.frame(0x1, "third".getBytes(StandardCharsets.UTF_8)),
                    RawServer.frame(0x8, new byte[] {0x03, (byte) 0xE8})));
            socket.getInputStream().readNBytes(8); // the client's masked Close echo; then TCP closes
        })) {
            RecordingListener listener = new RecordingListener();
            WsClientSession session = client.connect(server.uri("/"), listener).get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(session.closeFuture().get(WAIT_SECONDS, TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.NORMAL_CLOSURE);
            assertThat(listener.kinds()).containsExactly("open", "text", "binary", "text", "close");
            assertThat(listener.all.get(1).text()).isEqualTo("first");
            assertThat(listener.all.get(2).bytes()).containsExactly(1, 2, 3);
            assertThat(listener.all.get(3).text()).isEqualTo("third");
            assertThat(listener.all).allSatisfy(e -> assertThat(e.thread()).startsWith("wsclient-reader-"));
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.1: a 101 with a wrong Sec-WebSocket-Accept fails the attempt (BAD_ACCEPT) and drops TCP")
    void badAccept() throws Exception {
        CountDownLatch dropped = new CountDownLatch(1);
        try (RawServer server = new RawServer(socket -> {
            RawServer.readRequest(socket.getInputStream());
            socket.getOutputStream().write(RawServer.switching("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", ""));
            if (socket.getInputStream().read() < 0) {
                dropped.countDown();
            }
        })) {
            RecordingListener listener = new RecordingListener();
            Throwable failure = failureOf(client.connect(server.uri("/"), listener));

            assertThat(failure).isInstanceOfSatisfying(HandshakeFailedException.class,
                    e -> assertThat(e.reason()).isEqualTo(HandshakeFailedException.Reason.BAD_ACCEPT));
            assertThat(dropped.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(listener.all).isEmpty();
            assertThat(client.sessionCount()).isZero();
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.1: a redirect is not followed; the attempt fails with NOT_101 and status 302, Authorization goes nowhere else")
    void redirectNotFollowed() throws Exception {
        try (RawServer elsewhere = new RawServer(socket -> RawServer.readRequest(socket.getInputStream()));
             RawServer server = new RawServer(socket -> {
                 RawServer.readRequest(socket.getInputStream());
                 socket.getOutputStream().write(("HTTP/1.1 302 Found\r\nLocation: " + elsewhere.uri("/")
                         + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                 socket.getInputStream().read();
             })) {
            Throwable failure = failureOf(client.connect(server.uri("/"),
                    WsClientRequest.builder(new RecordingListener()).header("Authorization", "Bearer secret").build()));

            assertThat(failure).isInstanceOfSatisfying(HandshakeFailedException.class, e -> {
                assertThat(e.reason()).isEqualTo(HandshakeFailedException.Reason.NOT_101);
                assertThat(e.status()).isEqualTo(302);
            });
            assertThat(elsewhere.connections()).isZero();
        }
    }

    @Test
    @DisplayName("RFC 7692 §5 / §7.1.2.2: a client_max_window_bits the client never offered fails the attempt, no compressor leaks")
    void unacceptableDeflateAnswer() throws Exception {
        long deflaters = DeflateResources.liveDeflaters();
        long inflaters = DeflateResources.liveInflaters();
        try (RawServer server = new RawServer(socket -> {
            HandshakeRequest request = RawServer.readRequest(socket.getInputStream());
            socket.getOutputStream().write(RawServer.switching(RawServer.acceptFor(request),
                    "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=10\r\n"));
            socket.getInputStream().read();
        })) {
            Throwable failure = failureOf(client.connect(server.uri("/"), new RecordingListener()));

            assertThat(failure).isInstanceOfSatisfying(DeflateNegotiationException.class,
                    e -> assertThat(e.reason()).isEqualTo(DeflateNegotiationException.Reason.UNSOLICITED_PARAMETER));
            assertThat(DeflateResources.liveDeflaters()).isEqualTo(deflaters);
            assertThat(DeflateResources.liveInflaters()).isEqualTo(inflaters);
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.1 (slow server): an answer that never completes fails after the handshake timeout")
    void handshakeTimeout() throws Exception {
        try (RawServer server = new RawServer(socket -> {
            RawServer.readRequest(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: webs".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.getInputStream().read();
        })) {
            Throwable failure = failureOf(client.connect(server.uri("/"), new RecordingListener()));

            assertThat(failure).isInstanceOf(SocketTimeoutException.class).hasMessageContaining("opening handshake");
            assertThat(client.sessionCount()).isZero();
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.1: a refused TCP connection fails the attempt with ConnectException")
    void connectionRefused() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        Throwable failure = failureOf(client.connect(URI.create("ws://127.0.0.1:" + port + "/"), new RecordingListener()));
        assertThat(failure).isInstanceOf(ConnectException.class);
    }

    @Test
    @DisplayName("RFC 6455 §4.1: headers the handshake writes itself cannot be supplied, subprotocols must be tokens")
    void reservedHeadersRejectedAtOnce() {
        URI uri = URI.create("ws://127.0.0.1:9/");
        assertThatThrownBy(() -> client.connect(uri,
                WsClientRequest.builder(new RecordingListener()).header("Sec-WebSocket-Key", "x").build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.connect(uri,
                WsClientRequest.builder(new RecordingListener()).subprotocol("not a token").build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(client.sessionCount()).isZero();
    }

    @Test
    @DisplayName("RFC 6455 §3: only ws and wss URIs are accepted, without fragment")
    void badUriRejectedAtOnce() {
        assertThatThrownBy(() -> client.connect(URI.create("http://127.0.0.1/"), new RecordingListener()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.connect(URI.create("ws://127.0.0.1/#frag"), new RecordingListener()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
