package io.wsstack.spring.servlet;

import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsObserver;
import io.wsstack.spring.WsSession;
import io.wsstack.spring.WsSessionRegistryTest;
import io.wsstack.spring.transport.FrameSharing;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler turn of {@link HandlerInvoker} (a CAS'd owner field, no lock object) under contention:
 * threads that wait for their turn ({@link HandlerInvoker#invoke}) and threads that hand their call
 * over ({@link HandlerInvoker#invokeOrDefer}) at once. The promise to the application: calls for one
 * session never overlap, each runs exactly once, and a thread's calls run in the order it made them;
 * a handed-over call is never left in the queue with nobody to run it.
 */
class HandlerTurnStressTest {

    private static final int WAITING_THREADS = 3;
    private static final int HANDING_OVER_THREADS = 3;
    private static final int CALLS_PER_THREAD = 3_000;

    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
    private final WsSession session = new WsSessionRegistryTest.FakeSession("s", "e", FrameSharing.PLAIN);
    private final WsEndpointHandler handler = new WsEndpointHandler() {
        @Override
        public void onText(WsSession s, String text) {
            if (running.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            int colon = text.indexOf(':');
            // Only the turn's owner appends: a plain ArrayList shows lost updates if two ran at once.
            seen.computeIfAbsent(text.substring(0, colon), k -> new ArrayList<>())
                    .add(Integer.parseInt(text.substring(colon + 1)));
            if (ThreadLocalRandom.current().nextInt(64) == 0) {
                LockSupport.parkNanos(50_000); // a handler that blocks a little, so that others must wait or hand over
            }
            running.decrementAndGet();
        }

        @Override
        public void onClose(WsSession s, WsCloseStatus status) {
        }
    };
    private final HandlerInvoker invoker = new HandlerInvoker(handler, "e", new WsObserver() { }.bind("e"), System::nanoTime);

    @Test
    @DisplayName("Calls never overlap, each runs exactly once, in each thread's order, and none is left handed over")
    void turnUnderContention() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        // The waiting threads go on after the last hand-over, so that a call handed over while one of
        // them held the turn must be run by that thread (nobody else comes any more).
        CountDownLatch handOversDone = new CountDownLatch(HANDING_OVER_THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < WAITING_THREADS + HANDING_OVER_THREADS; t++) {
            boolean handsOver = t >= WAITING_THREADS;
            String name = (handsOver ? "deferring" : "waiting") + t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    if (handsOver) {
                        for (int i = 0; i < CALLS_PER_THREAD; i++) {
                            invoker.invokeOrDefer(session, HandlerInvoker.TEXT, name + ":" + i, (code, reason) -> { }, () -> { });
                        }
                        handOversDone.countDown();
                    } else {
                        int extra = 0;
                        for (int i = 0; i < CALLS_PER_THREAD || extra++ < 100; i++) {
                            if (i >= CALLS_PER_THREAD && handOversDone.getCount() > 0) {
                                extra = 0;
                            }
                            invoker.invoke(session, HandlerInvoker.TEXT, name + ":" + i, (code, reason) -> { });
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, name);
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(thread.isAlive()).as(thread.getName() + " still running").isFalse();
        }
        assertThat(failure.get()).isNull();
        assertThat(overlaps.get()).as("calls that overlapped another").isZero();
        assertThat(seen).hasSize(WAITING_THREADS + HANDING_OVER_THREADS);
        for (Map.Entry<String, List<Integer>> calls : seen.entrySet()) {
            List<Integer> expected = new ArrayList<>();
            int count = calls.getKey().startsWith("deferring") ? CALLS_PER_THREAD : Math.max(CALLS_PER_THREAD, calls.getValue().size());
            for (int i = 0; i < count; i++) {
                expected.add(i);
            }
            assertThat(calls.getValue()).as("calls of " + calls.getKey()).containsExactlyElementsOf(expected);
        }
    }
}
