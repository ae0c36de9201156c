package io.wsstack.e2e;

import io.wsstack.spring.WsSessionRegistry;
import io.wsstack.spring.transport.TransportSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Peers that break the rules or the server's limits, on a raw socket: bad frames, oversized and
 * invalid messages, resets, floods, silence and slowness. Every case must end with the right close
 * code and bounded memory, never a stuck connection.
 */
abstract class AbstractBadPeerE2eTest extends AbstractE2eTest {

    /** The close timeout of the endpoints that test socket release ({@code /idle}, {@code /keepalive}, {@code /bye}, {@code /push}). */
    private static final Duration SHORT_CLOSE_TIMEOUT = Duration.ofMillis(500);
    /** The close timeout of the other endpoints. */
    private static final Duration CLOSE_TIMEOUT_DEFAULT = Duration.ofSeconds(5);
    /** Scheduling slack on a loaded machine; far below the minutes a leaked socket stayed open. */
    private static final Duration SLACK = Duration.ofMillis(1500);

    /**
     * The peer, silent (it only reads), sees end-of-stream or a reset within {@code closeTimeout}
     * (plus slack) of reading the server's Close: the server released the TCP connection by itself.
     */
    static void assertSocketReleasedWithin(RawWebSocketClient raw, Duration closeTimeout) {
        long start = System.nanoTime();
        assertThat(raw.drainUntilDropped()).as("socket released by the server").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(closeTimeout.plus(SLACK));
    }

    @Test
    @DisplayName("RFC 6455 §5.7: a masked text frame is echoed as an unmasked one (raw socket)")
    void rawEcho() throws Exception {
        try (RawWebSocketClient raw = openRaw("/open", 0)) {
            raw.sendText("Hello");
            RawWebSocketClient.Frame frame = raw.readFrame();
            assertThat(frame.opcode()).isEqualTo(1);
            assertThat(frame.text()).isEqualTo("Hello");
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.1: a frame sent in the same packet as the upgrade request is not lost")
    void frameBehindRequestHeadIsRead() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            RawWebSocketClient.Head head = raw.requestWithFrame(RawWebSocketClient.upgradeRequest(port, "/open"), "early");
            assertThat(head.status()).isEqualTo(101);
            RawWebSocketClient.Frame frame = raw.readFrame();
            assertThat(frame.opcode()).isEqualTo(1);
            assertThat(frame.text()).isEqualTo("early");
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: a message one byte over the limit → 1009")
    void oversizedMessage1009() throws Exception {
        try (RawWebSocketClient raw = openRaw("/open", 0)) {
            raw.sendFrame(true, 2, new byte[E2eEndpoints.MAX_MESSAGE + 1]);
            assertThat(raw.readUntilClose().closeCode()).isEqualTo(1009);
        }
    }

    @Test
    @DisplayName("RFC 6455 §8.1: invalid UTF-8 (C0 80) in a text frame → 1007")
    void invalidUtf8Closes1007() throws Exception {
        try (RawWebSocketClient raw = openRaw("/open", 0)) {
            raw.sendFrame(true, 1, new byte[] {'a', (byte) 0xC0, (byte) 0x80});
            assertThat(raw.readUntilClose().closeCode()).isEqualTo(1007);
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.1: an unmasked client frame → 1002, and the server closes TCP first (§7.1.1) though the peer stays silent")
    void unmaskedFrame1002() throws Exception {
        try (RawWebSocketClient raw = openRaw("/open", 0)) {
            raw.sendUnmaskedText("hi");
            assertThat(raw.readUntilClose().closeCode()).isEqualTo(1002);
            assertSocketReleasedWithin(raw, CLOSE_TIMEOUT_DEFAULT);
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.1.1: a handler's close unanswered by a silent peer releases the socket within the close timeout")
    void handlerCloseReleasesSocket() throws Exception {
        try (RawWebSocketClient raw = openRaw("/bye", 0)) {
            assertThat(raw.readUntilClose().closeCode()).isEqualTo(1000);
            assertSocketReleasedWithin(raw, SHORT_CLOSE_TIMEOUT);
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.1.5: a connection reset in the middle of a frame is reported as 1006 and the session released")
    void resetMidFrameReports1006() throws Exception {
        RawWebSocketClient raw = openRaw("/open", 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> !sessions.sessions("open").isEmpty());
        String id = sessions.sessions("open").get(0).id();
        long before = observer.closed.stream().filter("open:1006"::equals).count();
        raw.resetMidFrame();
        await().atMost(Duration.ofSeconds(10)).until(() -> observer.closed.stream().filter("open:1006"::equals).count() > before);
        assertThat(sessions.find(id)).isEmpty();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: a text message and a reserved-opcode frame in one write → the echo first, then Close 1002")
    void echoPrecedesCloseCausedByLaterFrame() throws Exception {
        try (RawWebSocketClient raw = openRaw("/open", 0)) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            wire.writeBytes(RawWebSocketClient.maskedFrame(true, 1, "valid".getBytes(StandardCharsets.UTF_8)));
            wire.writeBytes(RawWebSocketClient.maskedFrame(true, 5, new byte[0]));
            wire.writeBytes(RawWebSocketClient.maskedFrame(true, 9, new byte[0]));
            raw.sendRaw(wire.toByteArray());
            RawWebSocketClient.Frame echo = raw.readFrame();
            assertThat(echo.opcode()).isEqualTo(1);
            assertThat(echo.text()).isEqualTo("valid");
            RawWebSocketClient.Frame close = raw.readFrame();
            assertThat(close.opcode()).isEqualTo(8);
            assertThat(close.closeCode()).isEqualTo(1002);
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.5.3: ten pings in one write → ten pongs, in order")
    void burstOfPingsGetsEveryPong() throws Exception {
        try (RawWebSocketClient raw = openRaw("/open", 0)) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            for (int i = 0; i < 10; i++) {
                wire.writeBytes(RawWebSocketClient.maskedFrame(true, 9, ("payload-" + i).getBytes(StandardCharsets.UTF_8)));
            }
            raw.sendRaw(wire.toByteArray());
            for (int i = 0; i < 10; i++) {
                RawWebSocketClient.Frame pong = raw.readFrame();
                assertThat(pong.opcode()).isEqualTo(10);
                assertThat(pong.text()).isEqualTo("payload-" + i);
            }
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.5.3: a ping flood from a peer that does not read is answered with coalesced pongs (bounded memory)")
    void pingFloodGetsCoalescedPongs() throws Exception {
        int pings = 80_000;
        try (RawWebSocketClient raw = openRaw("/open", 4096)) {
            byte[] payload = new byte[125];
            for (int i = 0; i < pings; i++) {
                raw.sendFrame(true, 9, payload);
            }
            raw.sendText("after the flood");
            int pongs = 0;
            RawWebSocketClient.Frame frame;
            while ((frame = raw.readFrame()).opcode() != 1) {
                assertThat(frame.opcode()).isEqualTo(10);
                pongs++;
            }
            assertThat(frame.text()).isEqualTo("after the flood");
            assertThat(pongs).isPositive().isLessThan(pings);
        }
    }

    @Test
    @DisplayName("Keep-alive: a peer that never answers the server's pings is closed with 1011")
    void unansweredPings1011() throws Exception {
        try (RawWebSocketClient raw = openRaw("/keepalive", 0)) {
            RawWebSocketClient.Frame first = raw.readFrame();
            assertThat(first.opcode()).isEqualTo(9);
            assertThat(raw.readUntilClose().closeCode()).isEqualTo(1011);
            // The silent peer does not answer the Close either: the socket goes within the close timeout.
            assertSocketReleasedWithin(raw, SHORT_CLOSE_TIMEOUT);
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.1.1: a peer that never answers our Close is dropped after the close timeout (1006)")
    void unansweredCloseDropsConnection() throws Exception {
        try (RawWebSocketClient raw = openRaw("/idle", 0)) {
            assertThat(raw.readUntilClose().closeCode()).isEqualTo(1001);
            assertSocketReleasedWithin(raw, SHORT_CLOSE_TIMEOUT);
            await().atMost(Duration.ofSeconds(10)).until(() -> observer.closed.contains("idle:1006"));
        }
    }

    @Test
    @DisplayName("Slow consumer: a peer that stops reading is closed (1008 policy) and its queue stays within max-send-buffer")
    void slowConsumerIsClosedWithBoundedQueue() throws Exception {
        try (RawWebSocketClient raw = openRaw("/push", 4096)) {
            raw.sendText("go");
            await().atMost(Duration.ofSeconds(20)).until(() -> observer.slowConsumers.contains("push:CLOSED"));
            TransportSession session = E2eEndpoints.lastPushSession.get();
            // One frame header (4 bytes for these 16 KiB messages) may ride over the payload-based check.
            assertThat(session.queuedBytesHighWater()).isLessThanOrEqualTo(E2eEndpoints.PUSH_SEND_BUFFER + 4);
            await().atMost(Duration.ofSeconds(10)).until(() -> !session.isOpen() && sessions.find(session.id()).isEmpty());
            // The session leaves the registry before the observers hear of the close: wait for both.
            await().atMost(Duration.ofSeconds(10)).until(() -> observer.closed.contains("push:1006"));
            assertThat(observer.queued("push")).as("queue gauge back to zero once the queue was discarded").isZero();
            // Policy close (1008) unanswered: the socket is already released, without any nudge from the peer.
            assertSocketReleasedWithin(raw, SHORT_CLOSE_TIMEOUT);
        }
    }

    @Test
    @DisplayName("Slow consumer with DROP_NEWEST: the new message's future fails and the session stays open")
    void slowConsumerDropNewestKeepsSession() throws Exception {
        java.util.concurrent.CompletableFuture<Boolean> stillOpen = new java.util.concurrent.CompletableFuture<>();
        E2eEndpoints.feedStillOpenAfterDrop.set(stillOpen);
        try (RawWebSocketClient raw = openRaw("/feed", 4096)) {
            raw.sendText("go");
            assertThat(stillOpen.get(20, TimeUnit.SECONDS)).isTrue();
            assertThat(observer.slowConsumers).contains("feed:DROPPED");
        }
    }
}
