package io.wsstack.autoconfigure.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wsstack.spring.WsObserver.MessageType;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class MicrometerWsObserverConcurrencyTests {

    private static final int THREADS = 4;
    private static final int SESSIONS_PER_THREAD = 5_000;

    @Test
    @DisplayName("I/O threads reporting at once lose no count, and the gauges settle back to zero")
    void concurrentEventsAreCountedExactly() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerWsObserver observer = new MicrometerWsObserver(registry, List.of("chat"));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < SESSIONS_PER_THREAD; i++) {
                        observer.sessionOpened("chat", i % 2 == 0);
                        observer.outboundQueueChanged("chat", 100);
                        observer.messageReceived("chat", MessageType.TEXT, 10, 16);
                        observer.outboundQueueChanged("chat", -100);
                        observer.sessionClosed("chat", 1000);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        int total = THREADS * SESSIONS_PER_THREAD;
        assertThat(registry.get("ws.sessions.active").gauge().value()).isZero();
        assertThat(registry.get("ws.outbound.queued").gauge().value()).isZero();
        assertThat(registry.get("ws.sessions.opened").tag("compressed", "true").counter().count()).isEqualTo(total / 2.0);
        assertThat(registry.get("ws.sessions.closed").tag("code", "1000").counter().count()).isEqualTo(total);
        assertThat(registry.get("ws.messages.received").counter().count()).isEqualTo(total);
        assertThat(registry.get("ws.wire.received").counter().count()).isEqualTo(16.0 * total);
    }
}
