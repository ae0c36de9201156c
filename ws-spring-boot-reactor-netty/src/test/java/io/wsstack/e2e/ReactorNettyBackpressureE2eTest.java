package io.wsstack.e2e;

import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backpressure on Reactor Netty with handlers off the event loop (the default): frames are decoded
 * on the loop and queued for the handler in a bounded lane; a session whose handler blocks stops
 * reading once the lane is full, so the sender's TCP writes stall instead of the server queueing
 * without bound, and every message is handled, in order, once the handler catches up.
 */
@SpringBootTest(classes = ReactorNettyBackpressureE2eTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReactorNettyBackpressureE2eTest {

    private static final int MESSAGES = 4096;
    private static final int SIZE = 16 * 1024;

    static final CountDownLatch gate = new CountDownLatch(1);
    static final AtomicInteger handled = new AtomicInteger();
    static final AtomicInteger outOfOrder = new AtomicInteger();

    @LocalServerPort
    int port;

    @Test
    @DisplayName("a handler that falls behind stops the session's reading (the sender stalls); all 64 MiB are then handled in order")
    void slowHandlerPushesBackThroughTcp() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            assertThat(raw.request(RawWebSocketClient.upgradeRequest(port, "/gate")).status()).isEqualTo(101);
            AtomicLong written = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                byte[] payload = new byte[SIZE];
                try {
                    for (int i = 0; i < MESSAGES; i++) {
                        ByteBuffer.wrap(payload).putInt(i);
                        raw.sendFrame(true, 2, payload);
                        written.addAndGet(SIZE);
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "backpressure-writer");
            writer.start();

            // The handler blocks on its first message: the writer must come to a standstill well short of the end.
            long stalled = waitForStandstill(written);
            assertThat(stalled).isLessThan((long) MESSAGES * SIZE / 2);
            assertThat(handled.get()).isZero();

            gate.countDown();
            writer.join(60_000);
            assertThat(failure.get()).isNull();
            assertThat(written.get()).isEqualTo((long) MESSAGES * SIZE);
            raw.sendText("count");
            assertThat(raw.readFrame().text()).isEqualTo(Integer.toString(MESSAGES));
            assertThat(outOfOrder.get()).isZero();
        }
    }

    /** Waits until {@code written} has not moved for a second, and returns it. */
    private static long waitForStandstill(AtomicLong written) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = written.get();
            if (now == last && now > 0) {
                return now;
            }
            last = now;
            Thread.sleep(1000);
        }
        throw new AssertionError("the writer never stalled: " + written.get() + " bytes written");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        WsEndpointRegistry wsEndpointRegistry() {
            return new WsEndpointRegistry(List.of(E2eEndpoints.endpoint(E2eEndpoints.settings("gate", "/gate"), new Gate())));
        }

        @Bean
        SecurityWebFilterChain openChain(ServerHttpSecurity http) {
            return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .build();
        }
    }

    /** Blocks on the first message until the test opens the gate; checks the sequence numbers. */
    static final class Gate implements WsEndpointHandler {
        private int expected;

        @Override
        public void onBinary(WsSession session, ByteBuffer data) {
            try {
                gate.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (data.getInt(data.position()) != expected++) {
                outOfOrder.incrementAndGet();
            }
            handled.incrementAndGet();
        }

        @Override
        public void onText(WsSession session, String text) {
            session.sendText(Integer.toString(handled.get()));
        }
    }
}
