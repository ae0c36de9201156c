package io.wsstack.spring.servlet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker endpoint's handler runs on Tomcat's taken-over sockets: run by the socket loop after its
 * pass while they are quick ({@link LoopFirstExecutor}), moved to handler threads for a while when
 * one exceeds its budget, and a run that blocks the loop loses it to a new thread
 * ({@link SocketLoop#watchTick()}), so that the loop's other work goes on and no queued run is lost.
 */
class SocketLoopHandlerRunsTest {

    private final ExecutorService handlerThreads = Executors.newFixedThreadPool(2, task -> {
        Thread thread = new Thread(task, "test-handler");
        thread.setDaemon(true);
        return thread;
    });
    private final SocketLoop loop = new SocketLoop("test-loop");

    @AfterEach
    void stop() {
        loop.stop();
        handlerThreads.shutdownNow();
    }

    /** Hands {@code run} to {@code executor} from the loop between its runs, where reads hand over handler calls. */
    private void submitFromLoop(Executor executor, Runnable run) {
        loop.execute(() -> executor.execute(run));
    }

    private static String await(BlockingQueue<String> queue) throws InterruptedException {
        String value = queue.poll(10, TimeUnit.SECONDS);
        assertThat(value).as("answer within 10 s").isNotNull();
        return value;
    }

    private LoopFirstExecutor executor(Duration budget) {
        return new LoopFirstExecutor(loop, handlerThreads, "test", budget);
    }

    @Test
    @DisplayName("a quick run handed over by the loop runs on the loop thread, after the pass, not inside the task that handed it over")
    void quickRunsStayOnTheLoop() throws Exception {
        LoopFirstExecutor executor = executor(Duration.ofMillis(50));
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        loop.execute(() -> {
            executor.execute(() -> seen.add("run on " + Thread.currentThread().getName()));
            seen.add("task done");
        });
        assertThat(await(seen)).isEqualTo("task done");
        assertThat(await(seen)).isEqualTo("run on test-loop");
    }

    @Test
    @DisplayName("runs from other threads than the loop, and every run with a zero budget, go to the handler threads")
    void otherThreadsAndZeroBudgetHandOff() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        executor(Duration.ofMillis(50)).execute(() -> seen.add(Thread.currentThread().getName()));
        assertThat(await(seen)).isEqualTo("test-handler");
        submitFromLoop(executor(Duration.ZERO), () -> seen.add(Thread.currentThread().getName()));
        assertThat(await(seen)).isEqualTo("test-handler");
    }

    @Test
    @DisplayName("inside a run on the loop the thread does not count as the loop: what the run asks of the loop is queued behind it")
    void aRunIsNotTheLoop() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        submitFromLoop(executor(Duration.ofMillis(50)), () -> {
            seen.add("in loop: " + loop.inLoop());
            loop.execute(() -> seen.add("queued task in loop: " + loop.inLoop()));
            seen.add("run ends");
        });
        assertThat(await(seen)).isEqualTo("in loop: false");
        assertThat(await(seen)).isEqualTo("run ends");
        assertThat(await(seen)).isEqualTo("queued task in loop: true");
    }

    @Test
    @DisplayName("runs over their budget count: the sixteenth within a window of 256 runs sends the endpoint's next runs to the handler threads")
    void overBudgetRunsMoveOff() throws Exception {
        LoopFirstExecutor executor = executor(Duration.ofMillis(1));
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        for (int strike = 1; strike <= LoopFirstExecutor.SLOW_RUNS; strike++) {
            submitFromLoop(executor, () -> {
                sleep(3);
                seen.add(Thread.currentThread().getName());
            });
            assertThat(await(seen)).as("slow run %d", strike).startsWith("test-loop");
        }
        submitFromLoop(executor, () -> seen.add(Thread.currentThread().getName()));
        assertThat(await(seen)).isEqualTo("test-handler");
        // Another endpoint's runs on the same loop are not affected.
        submitFromLoop(executor(Duration.ofMillis(50)), () -> seen.add(Thread.currentThread().getName()));
        assertThat(await(seen)).isEqualTo("test-loop");
    }

    @Test
    @DisplayName("slow runs now and then (a descheduled loop thread) are not enough: the endpoint's runs stay on the loop")
    void oneSlowRunIsNotEnough() throws Exception {
        LoopFirstExecutor executor = executor(Duration.ofMillis(1));
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        for (int round = 0; round < LoopFirstExecutor.SLOW_RUNS + 1; round++) {
            submitFromLoop(executor, () -> sleep(2));
            for (int quick = 0; quick < 2 * LoopFirstExecutor.WINDOW_RUNS / LoopFirstExecutor.SLOW_RUNS; quick++) {
                submitFromLoop(executor, () -> { });
            }
        }
        submitFromLoop(executor, () -> seen.add(Thread.currentThread().getName()));
        assertThat(await(seen)).isEqualTo("test-loop");
    }

    @Test
    @DisplayName("a run that blocks loses the loop to a new thread: the loop's tasks and the runs queued behind it go on; the blocked one finishes later")
    void blockedRunLosesTheLoop() throws Exception {
        LoopFirstExecutor executor = executor(Duration.ofSeconds(30));
        CountDownLatch gate = new CountDownLatch(1);
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        AtomicReference<Thread> blocked = new AtomicReference<>();
        List<String> order = new CopyOnWriteArrayList<>();
        loop.execute(() -> {
            executor.execute(() -> {
                blocked.set(Thread.currentThread());
                awaitGate(gate);
                order.add("blocked run");
                seen.add("blocked run done");
            });
            executor.execute(() -> {
                order.add("run behind it");
                seen.add("run behind it on " + Thread.currentThread().getName());
            });
        });
        // The run queued behind the blocked one runs on the loop's new thread, which has the loop's name.
        assertThat(await(seen)).isEqualTo("run behind it on test-loop");
        assertThat(blocked.get().getName()).isEqualTo("test-loop-released");
        loop.execute(() -> seen.add("task on " + Thread.currentThread().getName() + ", in loop: " + loop.inLoop()));
        assertThat(await(seen)).isEqualTo("task on test-loop, in loop: true");
        // One blocking run is one slow run: the endpoint's next run is still tried on the loop.
        submitFromLoop(executor, () -> seen.add(Thread.currentThread().getName()));
        assertThat(await(seen)).isEqualTo("test-loop");
        gate.countDown();
        assertThat(await(seen)).isEqualTo("blocked run done");
        assertThat(order).containsExactly("run behind it", "blocked run");
        // The released thread leaves: the loop has one thread again.
        blocked.get().join(10_000);
        assertThat(blocked.get().isAlive()).isFalse();
        loop.execute(() -> seen.add("still served"));
        assertThat(await(seen)).isEqualTo("still served");
    }

    @Test
    @DisplayName("runs that keep blocking move to the handler threads after the sixteenth loss of the loop")
    void repeatedBlockingMovesOff() throws Exception {
        LoopFirstExecutor executor = executor(Duration.ofSeconds(30));
        CountDownLatch gate = new CountDownLatch(1);
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        for (int strike = 1; strike <= LoopFirstExecutor.SLOW_RUNS; strike++) {
            blockARunUntilTheLoopMovesOn(executor, gate, seen);
        }
        submitFromLoop(executor, () -> seen.add(Thread.currentThread().getName()));
        assertThat(await(seen)).isEqualTo("test-handler");
        gate.countDown();
    }

    @Test
    @DisplayName("a loop stopped while a handler run blocks it still shuts down, on the thread that took it over")
    void stopWhileARunBlocks() throws Exception {
        LoopFirstExecutor executor = executor(Duration.ofSeconds(30));
        CountDownLatch gate = new CountDownLatch(1);
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try {
            blockARunUntilTheLoopMovesOn(executor, gate, seen);
            loop.stop();
            assertThat(loop.selector().isOpen()).as("selector closed by the loop's shutdown").isFalse();
        } finally {
            gate.countDown();
        }
    }

    @Test
    @DisplayName("a run whose Error ends the loop thread loses the loop like a blocked one: the runs behind it and the loop's tasks go on")
    void errorInARunDoesNotEndTheLoop() throws Exception {
        LoopFirstExecutor executor = executor(Duration.ofSeconds(30));
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        loop.execute(() -> {
            executor.execute(() -> {
                throw new OutOfMemoryError("a handler's Error (test)");
            });
            executor.execute(() -> seen.add("run behind it on " + Thread.currentThread().getName()));
        });
        assertThat(await(seen)).isEqualTo("run behind it on test-loop");
        loop.execute(() -> seen.add("task in loop: " + loop.inLoop()));
        assertThat(await(seen)).isEqualTo("task in loop: true");
    }

    /** Hands the loop a run that blocks on {@code gate}, and returns once a new thread serves the loop. */
    private void blockARunUntilTheLoopMovesOn(LoopFirstExecutor executor, CountDownLatch gate,
            BlockingQueue<String> seen) throws InterruptedException {
        submitFromLoop(executor, () -> {
            seen.add("blocking");
            awaitGate(gate);
        });
        assertThat(await(seen)).isEqualTo("blocking");
        // Served again once the watch has given the loop to a new thread.
        loop.execute(() -> seen.add("served"));
        assertThat(await(seen)).isEqualTo("served");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitGate(CountDownLatch gate) {
        try {
            gate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
