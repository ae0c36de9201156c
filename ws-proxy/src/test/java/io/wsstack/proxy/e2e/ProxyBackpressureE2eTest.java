package io.wsstack.proxy.e2e;

import io.wsstack.spring.WsSessionRegistry;
import io.wsstack.spring.transport.TransportSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad-inputs #34: a peer that does not read slows the other peer down through the proxy instead of
 * filling the proxy's memory, and nothing is lost or reordered once it reads again.
 */
class ProxyBackpressureE2eTest extends AbstractProxyE2eTest {

    private static final long MAX_SEND_BUFFER = 256 * 1024;

    @Autowired
    WsSessionRegistry sessions;

    @Test
    @DisplayName("Upstream floods a client that does not read: the upstream is held back, the client's queue stays within max-send-buffer, all arrives in order")
    void slowClientHoldsBackUpstream() throws Exception {
        try (RawPeer client = RawPeer.connect(port, 16 * 1024)) {
            assertThat(client.request(RawPeer.upgrade("GET", port, "/flood/flood-a", RawPeer.valid())).status())
                    .isEqualTo(101);
            awaitStalled(() -> STUB.floodWritten("flood-a"));
            assertThat(STUB.floodWritten("flood-a")).as("bytes the upstream could write while the client read nothing")
                    .isLessThan((long) StubUpstream.FLOOD_COUNT * StubUpstream.FLOOD_SIZE);
            long highWater = sessions.sessions("flood").stream()
                    .mapToLong(s -> ((TransportSession) s).queuedBytesHighWater()).max().orElseThrow();
            assertThat(highWater).isLessThanOrEqualTo(MAX_SEND_BUFFER + StubUpstream.FLOOD_SIZE + 16);
            for (int i = 0; i < StubUpstream.FLOOD_COUNT; i++) {
                RawPeer.Frame frame = client.readFrame();
                assertThat(frame.opcode()).isEqualTo(2);
                assertThat(frame.payload()).hasSize(StubUpstream.FLOOD_SIZE);
                assertThat(frame.payload()[0]).isEqualTo((byte) i);
            }
        }
    }

    @Test
    @DisplayName("A client floods an upstream that does not read: the client's sends stall, then all arrives once the upstream reads")
    void slowUpstreamHoldsBackClient() throws Exception {
        byte[] chunk = new byte[64 * 1024];
        long sent = 0;
        boolean stalled = false;
        try (JdkPeer client = JdkPeer.connect(uri("/flood/noread"))) {
            CompletableFuture<?> pending = null;
            for (int i = 0; i < 1600 && !stalled; i++) {
                pending = client.ws().sendBinary(ByteBuffer.wrap(chunk), true);
                try {
                    pending.get(3, TimeUnit.SECONDS);
                    sent += chunk.length;
                } catch (TimeoutException e) {
                    stalled = true;
                }
            }
            assertThat(stalled).as("the client's sends stalled while the upstream read nothing").isTrue();
            STUB.startReading();
            pending.get(20, TimeUnit.SECONDS);
            long expected = sent + chunk.length;
            await().atMost(Duration.ofSeconds(20)).until(() -> STUB.noreadReceived() >= expected);
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: a client that reads nothing for the whole send timeout meets the send-buffer policy: 1008")
    void clientBeyondSendTimeoutGets1008() throws Exception {
        try (RawPeer client = RawPeer.connect(port, 16 * 1024)) {
            assertThat(client.request(RawPeer.upgrade("GET", port, "/stub/flood-c", RawPeer.valid())).status())
                    .isEqualTo(101);
            await().atMost(Duration.ofSeconds(20)).until(() -> sessions.sessions("stub").stream().noneMatch(s -> s.isOpen()));
            RawPeer.Frame frame;
            do {
                frame = client.readFrame();
            } while (frame.opcode() != 8);
            assertThat(frame.closeCode()).isEqualTo(1008);
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: an upstream that reads nothing for the whole send timeout is dropped: the client gets 1011")
    void deafUpstreamDropped() throws Exception {
        try (JdkPeer client = JdkPeer.connect(uri("/stub/deaf"))) {
            Thread sender = new Thread(() -> {
                ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
                try {
                    for (int i = 0; i < 1600; i++) {
                        client.ws().sendBinary(chunk.duplicate(), true).get(30, TimeUnit.SECONDS);
                    }
                } catch (Exception e) {
                    // the proxy closed the session, or the sends stalled for good
                }
            });
            sender.setDaemon(true);
            sender.start();
            assertThat(client.closeCode()).isEqualTo(1011);
        }
    }

    /** Waits until the counter stops moving: the writer it counts is blocked. */
    private static void awaitStalled(java.util.function.LongSupplier counter) {
        AtomicLong last = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long now = counter.getAsLong();
            return now > 0 && now == last.getAndSet(now);
        });
    }
}
