package io.wsstack.autoconfigure.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wsstack.autoconfigure.actuate.WsActuatorEndpoint;
import io.wsstack.autoconfigure.actuate.WsEndpointsDescriptor;
import io.wsstack.autoconfigure.actuate.WsHealthIndicator;
import io.wsstack.autoconfigure.actuate.WsSessionTracker.Activity;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import io.wsstack.testsupport.WithoutSecurity;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code ws.*} meters, the {@code ws} Actuator endpoint and the health indicator with real
 * traffic through the servlet transport on Tomcat. Counters are compared before and after each
 * scenario, so the tests do not depend on their order.
 */
@SpringBootTest(classes = MeterEndToEndApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.endpoints.web.exposure.include=health,ws", WithoutSecurity.PROPERTY})
class MeterEndToEndTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    SimpleMeterRegistry registry;

    @Autowired
    WsActuatorEndpoint wsEndpoint;

    @Autowired
    WsHealthIndicator wsHealth;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void everySessionEnded() {
        await().atMost(WAIT).until(() -> registry.get("ws.sessions.active").tag("endpoint", "echo").gauge().value() == 0);
    }

    @Test
    @DisplayName("RFC 6455 §5.6: text and binary echo (JDK client) → message, payload and wire byte counters")
    void textAndBinaryTraffic() throws Exception {
        Snapshot before = new Snapshot();
        QueueingListener listener = new QueueingListener();
        WebSocket ws = connect(listener);

        ws.sendText("hello", true).get(5, TimeUnit.SECONDS);
        assertThat(listener.next()).isEqualTo("hello");
        ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), true).get(5, TimeUnit.SECONDS);
        assertThat(listener.next()).isInstanceOf(byte[].class);

        // Meters take a read batch's or a lane run's totals when it ends, which may be just after its echoes
        // were flushed: wait for them to settle, then every figure must be exact.
        await().atMost(WAIT).untilAsserted(() -> {
            Snapshot after = new Snapshot();
            assertThat(after.messagesReceivedText - before.messagesReceivedText).isEqualTo(1.0);
            assertThat(after.messagesReceivedBinary - before.messagesReceivedBinary).isEqualTo(1.0);
            assertThat(after.payloadReceivedText - before.payloadReceivedText).isEqualTo(5.0);
            assertThat(after.payloadReceivedBinary - before.payloadReceivedBinary).isEqualTo(8.0);
            // RFC 6455 §5.2: a short client frame is 2 header bytes + 4 mask bytes + payload.
            assertThat(after.wireReceivedText - before.wireReceivedText).isEqualTo(2 + 4 + 5);
            assertThat(after.wireReceivedBinary - before.wireReceivedBinary).isEqualTo(2 + 4 + 8);
            assertThat(after.messagesSentText - before.messagesSentText).isEqualTo(1.0);
            assertThat(after.messagesSentBinary - before.messagesSentBinary).isEqualTo(1.0);
            assertThat(after.payloadSentText - before.payloadSentText).isEqualTo(5.0);
            // The JDK client offers no compression, and server frames are unmasked: 2 header bytes + payload.
            assertThat(after.wireSentText - before.wireSentText).isEqualTo(2 + 5);
            assertThat(after.wireSentBinary - before.wireSentBinary).isEqualTo(2 + 8);
        });
        // The handler's time is recorded after it returns, which may be after its echo reached us.
        await().atMost(WAIT).until(() -> new Snapshot().handlerSuccesses - before.handlerSuccesses >= 2);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        listener.closed.get(5, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("RFC 6455 §5.6: a burst of text and binary messages in one write (one read batch) is counted exactly, message by message")
    void burstInOneReadIsCountedExactly() throws Exception {
        // Meters take a read batch's messages as totals: the sums must equal what each message adds.
        Snapshot before = new Snapshot();
        java.io.ByteArrayOutputStream burst = new java.io.ByteArrayOutputStream();
        int texts = 0;
        int binaries = 0;
        long textPayload = 0;
        long binaryPayload = 0;
        for (int i = 1; i <= 12; i++) {
            boolean text = i % 3 != 0;
            byte[] payload = new byte[i * 7];
            java.util.Arrays.fill(payload, (byte) 'a');
            burst.write(RawSocketPeer.frame(false, text ? 1 : 2, payload));
            if (text) {
                texts++;
                textPayload += payload.length;
            } else {
                binaries++;
                binaryPayload += payload.length;
            }
        }
        try (RawSocketPeer peer = RawSocketPeer.connect(port)) {
            assertThat(peer.upgrade(port, "/echo").status()).isEqualTo(101);
            peer.sendRaw(burst.toByteArray());
            for (int i = 1; i <= 12; i++) {
                RawSocketPeer.Frame echo = peer.readFrame();
                assertThat(echo.opcode()).isEqualTo(i % 3 != 0 ? 1 : 2);
                assertThat(echo.payload()).hasSize(i * 7);
            }
            int textCount = texts;
            int binaryCount = binaries;
            long textBytes = textPayload;
            long binaryBytes = binaryPayload;
            // Totals reach the meters when the batch ends, which may be just after its echoes were flushed.
            await().atMost(WAIT).untilAsserted(() -> {
                Snapshot after = new Snapshot();
                assertThat(after.messagesReceivedText - before.messagesReceivedText).isEqualTo(textCount);
                assertThat(after.messagesReceivedBinary - before.messagesReceivedBinary).isEqualTo(binaryCount);
                assertThat(after.payloadReceivedText - before.payloadReceivedText).isEqualTo(textBytes);
                assertThat(after.payloadReceivedBinary - before.payloadReceivedBinary).isEqualTo(binaryBytes);
                // Every frame is short: 2 header bytes + 4 mask bytes each, and its payload.
                assertThat((after.wireReceivedText - before.wireReceivedText) + (after.wireReceivedBinary - before.wireReceivedBinary))
                        .isEqualTo(12 * 6 + textBytes + binaryBytes);
                assertThat(after.messagesSentText - before.messagesSentText).isEqualTo(textCount);
                assertThat(after.messagesSentBinary - before.messagesSentBinary).isEqualTo(binaryCount);
                assertThat(after.payloadSentText - before.payloadSentText).isEqualTo(textBytes);
                assertThat(after.wireSentText - before.wireSentText).isEqualTo(textCount * 2 + textBytes);
                assertThat(after.wireSentBinary - before.wireSentBinary).isEqualTo(binaryCount * 2 + binaryBytes);
            });
            // The handler timer times each call: onOpen, then one per message (onOpen ran before any was read).
            await().atMost(WAIT).until(() -> new Snapshot().handlerSuccesses - before.handlerSuccesses >= 13);
            assertThat(new Snapshot().handlerSuccesses - before.handlerSuccesses).isEqualTo(13);
            peer.sendFrame(false, 8, new byte[] {0x03, (byte) 0xE8});
            assertThat(peer.readUntilClose().closeCode()).isEqualTo(1000);
        }
    }

    @Test
    @DisplayName("ws.handler.duration: a burst in one read, one slow call among fast ones → one sample per call, the slow call's time in the total and the max, counted once")
    void handlerTimerOfABurst() throws Exception {
        // Calls of one batch are timed from one clock reading each (the end of a call starts the next): the
        // count, total and max must still be those of the calls one by one.
        FunctionTimer timer = registry.find("ws.handler.duration").tags("endpoint", "echo", "outcome", "success").functionTimer();
        long countBefore = timer == null ? 0 : (long) timer.count();
        double totalBefore = timer == null ? 0 : timer.totalTime(TimeUnit.MILLISECONDS);
        java.io.ByteArrayOutputStream burst = new java.io.ByteArrayOutputStream();
        String[] texts = {"fast one", MeterEndToEndApplication.Echo.SLOW + "x", "fast two", "fast three"};
        for (String text : texts) {
            burst.write(RawSocketPeer.frame(false, 1, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        long started = System.nanoTime();
        try (RawSocketPeer peer = RawSocketPeer.connect(port)) {
            assertThat(peer.upgrade(port, "/echo").status()).isEqualTo(101);
            peer.sendRaw(burst.toByteArray());
            for (String text : texts) {
                assertThat(new String(peer.readFrame().payload(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(text);
            }
            // Summed per read batch (no histogram configured here): a count-and-total timer plus the max gauge.
            FunctionTimer after = registry.get("ws.handler.duration").tags("endpoint", "echo", "outcome", "success").functionTimer();
            TimeGauge max = registry.get("ws.handler.duration.max").tags("endpoint", "echo", "outcome", "success").timeGauge();
            // onOpen and the four messages; the meters hear of the batch right after its last echo was queued.
            await().atMost(WAIT).until(() -> after.count() - countBefore >= 5);
            // Every call ran within this time: a total above it would mean some time was counted twice.
            double elapsedMillis = (System.nanoTime() - started) / 1e6;
            assertThat((long) after.count() - countBefore).isEqualTo(5);
            double added = after.totalTime(TimeUnit.MILLISECONDS) - totalBefore;
            assertThat(added).isGreaterThanOrEqualTo(MeterEndToEndApplication.Echo.SLOW_MILLIS)
                    .isLessThanOrEqualTo(elapsedMillis);
            assertThat(max.value(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(MeterEndToEndApplication.Echo.SLOW_MILLIS)
                    .isLessThanOrEqualTo(elapsedMillis);
            peer.sendFrame(false, 8, new byte[] {0x03, (byte) 0xE8});
            assertThat(peer.readUntilClose().closeCode()).isEqualTo(1000);
        }
    }

    @Test
    @DisplayName("Text payload meters count UTF-8 bytes, not characters")
    void textPayloadIsCountedInUtf8Bytes() throws Exception {
        Snapshot before = new Snapshot();
        QueueingListener listener = new QueueingListener();
        WebSocket ws = connect(listener);

        String text = "h\u00e9llo \u2713 \uD834\uDD1E"; // 1+2+1+1+1+1+3+1+4 = 15 bytes in 9 chars
        ws.sendText(text, true).get(5, TimeUnit.SECONDS);
        assertThat(listener.next()).isEqualTo(text);

        await().atMost(WAIT).untilAsserted(() -> {
            Snapshot after = new Snapshot();
            assertThat(after.payloadReceivedText - before.payloadReceivedText).isEqualTo(15.0);
            assertThat(after.payloadSentText - before.payloadSentText).isEqualTo(15.0);
            assertThat(after.wireSentText - before.wireSentText).isEqualTo(2 + 15);
        });
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        listener.closed.get(5, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: sessions open and close → active gauge up and down, closed counter by code 1000")
    void openAndClose() throws Exception {
        double opened = counter("ws.sessions.opened", "compressed", "false");
        double closedNormally = counter("ws.sessions.closed", "code", "1000");
        QueueingListener listener = new QueueingListener();
        WebSocket ws = connect(listener);

        await().atMost(WAIT).until(() -> activeGauge() == 1);
        assertThat(counter("ws.sessions.opened", "compressed", "false")).isEqualTo(opened + 1);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        assertThat(listener.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);

        await().atMost(WAIT).until(() -> activeGauge() == 0);
        await().atMost(WAIT).until(() -> counter("ws.sessions.closed", "code", "1000") == closedNormally + 1);
    }

    @Test
    @DisplayName("RFC 7692 §7.2: a compressed message (raw socket) → compressed session, fewer wire than payload bytes")
    void compressedTraffic() throws Exception {
        byte[] message = "wsstack ".repeat(125).getBytes(StandardCharsets.US_ASCII);
        byte[] compressed = RawSocketPeer.deflate(message);
        assertThat(compressed.length).as("fits a frame with a 7-bit length").isLessThan(126);
        Snapshot before = new Snapshot();
        double compressedSessions = counter("ws.sessions.opened", "compressed", "true");
        try (RawSocketPeer peer = RawSocketPeer.connect(port)) {
            RawSocketPeer.Head head = peer.upgrade(port, "/echo", "Sec-WebSocket-Extensions: permessage-deflate");
            assertThat(head.status()).isEqualTo(101);
            assertThat(head.headers().get("sec-websocket-extensions")).startsWith("permessage-deflate");

            peer.sendFrame(true, 1, compressed);
            RawSocketPeer.Frame echo = peer.readFrame();
            assertThat(echo.rsv1()).isTrue();
            assertThat(echo.payload().length).isLessThan(126);
            assertThat(RawSocketPeer.inflate(echo.payload(), message.length * 2)).isEqualTo(message);

            int echoed = echo.payload().length;
            await().atMost(WAIT).untilAsserted(() -> {
                Snapshot after = new Snapshot();
                assertThat(counter("ws.sessions.opened", "compressed", "true")).isEqualTo(compressedSessions + 1);
                assertThat(after.payloadReceivedText - before.payloadReceivedText).isEqualTo(message.length);
                assertThat(after.wireReceivedText - before.wireReceivedText).isEqualTo(2 + 4 + compressed.length)
                        .isLessThan(after.payloadReceivedText - before.payloadReceivedText);
                assertThat(after.payloadSentText - before.payloadSentText).isEqualTo(message.length);
                assertThat(after.wireSentText - before.wireSentText).isEqualTo(2 + echoed)
                        .isLessThan(after.payloadSentText - before.payloadSentText);
            });

            peer.sendFrame(false, 8, new byte[] {0x03, (byte) 0xE8});
            assertThat(peer.readUntilClose().closeCode()).isEqualTo(1000);
        }
    }

    @Test
    @DisplayName("An upgrade to a path without an endpoint is left to the application (its 404) and not counted as our refusal")
    void unknownPathNotCounted() throws Exception {
        double refused = counter("ws.handshakes.refused", "none", "reason", "unknown_path");
        try (RawSocketPeer peer = RawSocketPeer.connect(port)) {
            assertThat(peer.upgrade(port, "/nowhere/at/all").status()).isEqualTo(404);
        }
        assertThat(counter("ws.handshakes.refused", "none", "reason", "unknown_path")).isEqualTo(refused);
    }

    @Test
    @DisplayName("RFC 6455 §10.2: cross-origin upgrade → 403, counted as endpoint=echo reason=origin")
    void badOriginRefusal() throws Exception {
        double refused = counter("ws.handshakes.refused", "echo", "reason", "origin");
        try (RawSocketPeer peer = RawSocketPeer.connect(port)) {
            assertThat(peer.upgrade(port, "/echo", "Origin: http://evil.example").status()).isEqualTo(403);
        }
        await().atMost(WAIT).until(() -> counter("ws.handshakes.refused", "echo", "reason", "origin") == refused + 1);
    }

    @Test
    @DisplayName("RFC 6455 §8.1: invalid UTF-8 → 1007, counted as a protocol error and a close with code 1007")
    void protocolError() throws Exception {
        double errors = counter("ws.protocol.errors", "code", "1007");
        double closed = counter("ws.sessions.closed", "code", "1007");
        try (RawSocketPeer peer = RawSocketPeer.connect(port)) {
            assertThat(peer.upgrade(port, "/echo").status()).isEqualTo(101);
            peer.sendFrame(false, 1, new byte[] {'a', (byte) 0xC0, (byte) 0x80});
            assertThat(peer.readUntilClose().closeCode()).isEqualTo(1007);
        }
        await().atMost(WAIT).until(() -> counter("ws.protocol.errors", "code", "1007") == errors + 1);
        await().atMost(WAIT).until(() -> counter("ws.sessions.closed", "code", "1007") == closed + 1);
    }

    @Test
    @DisplayName("the ws Actuator endpoint and health indicator see live sessions of the running transport")
    void actuatorSeesLiveSessions() throws Exception {
        long opened = wsEndpoint.endpoints().endpoints().get(0).sessions().opened();
        QueueingListener listener = new QueueingListener();
        WebSocket ws = connect(listener);
        await().atMost(WAIT).until(() -> activeGauge() == 1);

        WsEndpointsDescriptor descriptor = wsEndpoint.endpoints();
        assertThat(descriptor.endpoints().get(0).name()).isEqualTo("echo");
        assertThat(descriptor.endpoints().get(0).sessions()).extracting(Activity::active, Activity::opened)
                .containsExactly(1L, opened + 1);
        assertThat(descriptor.deflate()).isNotNull();
        Health health = wsHealth.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("activeSessions", 1L);

        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        listener.closed.get(5, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> wsEndpoint.endpoints().endpoints().get(0).sessions().active() == 0);
    }

    private WebSocket connect(QueueingListener listener) throws Exception {
        return http.newWebSocketBuilder().buildAsync(URI.create("ws://localhost:" + port + "/echo"), listener)
                .get(10, TimeUnit.SECONDS);
    }

    private double activeGauge() {
        return registry.get("ws.sessions.active").tag("endpoint", "echo").gauge().value();
    }

    private double counter(String name, String tag, String value) {
        return counter(name, "echo", tag, value);
    }

    private double counter(String name, String endpoint, String tag, String value) {
        Counter counter = registry.find(name).tags("endpoint", endpoint, tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The echo endpoint's traffic counters at one moment. */
    private final class Snapshot {
        final double messagesReceivedText = counter("ws.messages.received", "type", "text");
        final double messagesReceivedBinary = counter("ws.messages.received", "type", "binary");
        final double payloadReceivedText = counter("ws.payload.received", "type", "text");
        final double payloadReceivedBinary = counter("ws.payload.received", "type", "binary");
        final double wireReceivedText = counter("ws.wire.received", "type", "text");
        final double wireReceivedBinary = counter("ws.wire.received", "type", "binary");
        final double messagesSentText = counter("ws.messages.sent", "type", "text");
        final double messagesSentBinary = counter("ws.messages.sent", "type", "binary");
        final double payloadSentText = counter("ws.payload.sent", "type", "text");
        final double wireSentText = counter("ws.wire.sent", "type", "text");
        final double wireSentBinary = counter("ws.wire.sent", "type", "binary");
        final long handlerSuccesses = handlerCount();

        private long handlerCount() {
            FunctionTimer timer = registry.find("ws.handler.duration").tags("endpoint", "echo", "outcome", "success").functionTimer();
            return timer == null ? 0 : (long) timer.count();
        }
    }

    /** Queues whole messages and the close code, for the JDK client. */
    private static final class QueueingListener implements WebSocket.Listener {

        final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            messages.add(data.toString());
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
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        Object next() throws InterruptedException {
            return messages.poll(10, TimeUnit.SECONDS);
        }
    }
}
