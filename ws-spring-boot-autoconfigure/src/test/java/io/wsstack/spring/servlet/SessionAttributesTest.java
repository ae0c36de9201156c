package io.wsstack.spring.servlet;

import io.wsstack.spring.PathTemplate;
import io.wsstack.spring.SendBufferOverflowPolicy;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsEndpointSettings;
import io.wsstack.spring.transport.LiveSessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's attributes map: kept from the handshake when interceptors seeded it, otherwise made
 * on first use, so that an idle session that never uses attributes holds no map.
 */
class SessionAttributesTest {

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final TransportContext context = new ServletTransport(new LiveSessions(), List.of(), timers).context();
    private final WsEndpoint endpoint = new WsEndpoint(new WsEndpointSettings("echo", "/echo", List.of(), List.of(),
            1 << 16, 1 << 16, 64, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(5), 1 << 20,
            SendBufferOverflowPolicy.CLOSE), PathTemplate.parse("/echo"), new WsEndpointHandler() { });

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    private SessionSetup setup(Map<String, Object> attributes) {
        return new SessionSetup(endpoint, "/echo", Map.of(), attributes, null, null, List.of(),
                new InetSocketAddress("127.0.0.1", 40000), null, false, context);
    }

    @Test
    @DisplayName("the handshake's empty attributes map is not kept by the session's setup")
    void emptyHandshakeMapIsDropped() {
        assertThat(setup(new ConcurrentHashMap<>()).attributes()).isNull();
        Map<String, Object> seeded = new ConcurrentHashMap<>(Map.of("tenant", "acme"));
        assertThat(setup(seeded).attributes()).isSameAs(seeded);
    }

    @Test
    @DisplayName("attributes seeded by an interceptor reach the session; without any, the first use makes one map that stays")
    void attributesMadeOnFirstUse() {
        ServletWsSession seeded = ServletWsSession.create(setup(new ConcurrentHashMap<>(Map.of("tenant", "acme"))), new Unused());
        assertThat(seeded.attributes()).containsEntry("tenant", "acme");

        ServletWsSession plain = ServletWsSession.create(setup(new ConcurrentHashMap<>()), new Unused());
        Map<String, Object> first = plain.attributes();
        assertThat(first).isEmpty();
        first.put("nick", "ada");
        assertThat(plain.attributes()).isSameAs(first).containsEntry("nick", "ada");
    }

    @Test
    @DisplayName("threads asking for a fresh session's attributes at once all get the same map")
    void concurrentFirstUseSharesOneMap() throws Exception {
        for (int round = 0; round < 200; round++) {
            ServletWsSession session = ServletWsSession.create(setup(null), new Unused());
            CountDownLatch start = new CountDownLatch(1);
            AtomicReference<Map<String, Object>> other = new AtomicReference<>();
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                other.set(session.attributes());
            });
            thread.start();
            start.countDown();
            Map<String, Object> mine = session.attributes();
            thread.join();
            assertThat(other.get()).isSameAs(mine);
        }
    }

    /** The transport of a session that is made but never opened: nothing may be read or written. */
    private static final class Unused implements FrameTransport {
        @Override
        public void startWriting(Writer writer) {
            throw new UnsupportedOperationException("never opened");
        }

        @Override
        public boolean isWriteReady() {
            return false;
        }

        @Override
        public void write(ByteBuffer[] frames, int count) {
            throw new UnsupportedOperationException("never opened");
        }

        @Override
        public void flush() {
        }

        @Override
        public void startReading(Reader reader) {
            throw new UnsupportedOperationException("never opened");
        }

        @Override
        public void close() {
        }
    }
}
