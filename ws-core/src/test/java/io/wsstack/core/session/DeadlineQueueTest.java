package io.wsstack.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The shared deadline queue of {@link SessionScheduler#of}: many sessions' deadlines, one executor
 * task. Time is a test clock; the executor is real, and each test waits for it with a latch.
 */
class DeadlineQueueTest {

    private static final long MS = 1_000_000;

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final DeadlineQueue queue = new DeadlineQueue(executor, clock::get);

    {
        executor.setRemoveOnCancelPolicy(true); // as WsTransportScheduler's: a re-armed wake-up leaves the queue
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    @DisplayName("Deadlines run once each, in due order, and the executor holds one task for all of them")
    void dueOrderOneExecutorTask() throws Exception {
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(200);
        Random random = new Random(42);
        List<Integer> delays = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int delay = random.nextInt(1_000);
            delays.add(delay);
            queue.schedule(() -> {
                ran.add(delay);
                done.countDown();
            }, delay * MS);
        }
        assertThat(queue.size()).isEqualTo(200);
        assertThat(executor.getQueue()).hasSizeLessThanOrEqualTo(1); // 0 while the wake-up itself runs

        clock.addAndGet(2_000 * MS); // everything is due when the armed wake-up (the earliest delay) fires
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        List<Integer> sorted = new ArrayList<>(delays);
        Collections.sort(sorted);
        assertThat(ran).containsExactlyElementsOf(sorted);
        assertThat(queue.size()).isZero();
    }

    @Test
    @DisplayName("A cancelled deadline never runs; one not yet due waits for its time")
    void cancelAndNotYetDue() throws Exception {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch first = new CountDownLatch(1);
        // The executor's thread is held while the task is scheduled and cancelled: with a free
        // thread, a task due at once may run before cancel() is even called (then cancel does nothing).
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        queue.schedule(() -> awaitQuietly(holding, release), 0);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        SessionScheduler.Cancellable cancelled = queue.schedule(() -> ran.add("cancelled"), 0);
        cancelled.cancel();
        release.countDown();
        cancelled.cancel(); // twice: nothing
        queue.schedule(() -> {
            ran.add("due");
            first.countDown();
        }, 0);
        queue.schedule(() -> ran.add("later"), Duration.ofHours(1).toNanos());
        assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(50);
        assertThat(ran).containsExactly("due");
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    @DisplayName("An entry armed again moves to its new due time instead of being queued twice; disarmed it leaves")
    void rearmedEntryMoves() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        AtomicLong runs = new AtomicLong();
        DeadlineQueue.Entry entry = new DeadlineQueue.Entry() {
            @Override
            public void run() {
                runs.incrementAndGet();
                ran.countDown();
            }
        };
        queue.arm(entry, Duration.ofHours(1).toNanos());
        queue.arm(entry, Duration.ofHours(2).toNanos());
        assertThat(queue.size()).isEqualTo(1);
        queue.disarm(entry);
        queue.disarm(entry);
        assertThat(queue.size()).isZero();

        queue.arm(entry, Duration.ofHours(1).toNanos());
        queue.arm(entry, 0); // earlier: the wake-up is brought forward
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(50);
        assertThat(runs.get()).isEqualTo(1);
        assertThat(queue.size()).isZero();
    }

    @Test
    @DisplayName("Removing entries from the middle keeps the heap ordered")
    void removalsKeepOrder() throws Exception {
        List<DeadlineQueue.Entry> entries = new ArrayList<>();
        List<Long> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(50);
        for (int i = 0; i < 100; i++) {
            long delay = (1 + i * 37L % 100) * MS;
            DeadlineQueue.Entry entry = new DeadlineQueue.Entry() {
                @Override
                public void run() {
                    ran.add(delay);
                    done.countDown();
                }
            };
            entries.add(entry);
            queue.arm(entry, delay);
        }
        for (int i = 0; i < 100; i += 2) {
            queue.disarm(entries.get(i));
        }
        assertThat(queue.size()).isEqualTo(50);
        clock.addAndGet(200 * MS); // all due by the time the armed wake-up fires
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        List<Long> sorted = new ArrayList<>(ran);
        Collections.sort(sorted);
        assertThat(ran).containsExactlyElementsOf(sorted).hasSize(50);
    }

    @Test
    @DisplayName("A deadline that throws does not cost the others theirs")
    void failingDeadlineIsolated() throws Exception {
        CountDownLatch after = new CountDownLatch(1);
        Thread.UncaughtExceptionHandler quiet = (t, e) -> { };
        executor.setThreadFactory(r -> {
            Thread thread = new Thread(r);
            thread.setUncaughtExceptionHandler(quiet);
            return thread;
        });
        queue.schedule(() -> {
            throw new IllegalStateException("broken deadline");
        }, 0);
        queue.schedule(after::countDown, 0);
        assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @DisplayName("A deadline that throws an Error (not only a RuntimeException) does not cost the others of its batch theirs")
    void failingDeadlineWithErrorIsolated() throws Exception {
        executor.setThreadFactory(r -> {
            Thread thread = new Thread(r);
            thread.setUncaughtExceptionHandler((t, e) -> { });
            return thread;
        });
        // Hold the executor's thread in a first deadline, so that the next two wait in the heap and
        // fire together in one batch of the queue's task, the broken one first.
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        queue.schedule(() -> {
            holding.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 0);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        CountDownLatch after = new CountDownLatch(1);
        queue.schedule(() -> {
            throw new AssertionError("broken deadline");
        }, 0);
        queue.schedule(after::countDown, 0);
        release.countDown();
        // Lost, the second one would be a session whose close timeout never fires (its socket kept).
        assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(queue.size()).isZero();
    }

    @Test
    @DisplayName("A task cancelled after the queue's task took it out of the heap, but before it ran, never runs")
    void cancelAfterTakenOutOfHeap() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        queue.schedule(() -> awaitQuietly(holding, release), 0);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        // Both wait in the heap while the executor's thread is held; the next wake-up takes both out
        // in one batch and runs the blocker first, so the second is out of the heap and not yet run.
        CountDownLatch blocking = new CountDownLatch(1);
        CountDownLatch unblock = new CountDownLatch(1);
        queue.schedule(() -> awaitQuietly(blocking, unblock), 0);
        AtomicLong ranAfterCancel = new AtomicLong();
        SessionScheduler.Cancellable victim = queue.schedule(ranAfterCancel::incrementAndGet, 0);
        release.countDown();
        assertThat(blocking.await(10, TimeUnit.SECONDS)).isTrue();
        victim.cancel();
        unblock.countDown();
        CountDownLatch drained = new CountDownLatch(1);
        queue.schedule(drained::countDown, 0);
        assertThat(drained.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ranAfterCancel.get()).as("runs of a task whose cancel() had returned").isZero();
    }

    private static void awaitQuietly(CountDownLatch started, CountDownLatch release) {
        started.countDown();
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @DisplayName("After the executor shut down, deadlines are accepted and never run")
    void shutDownExecutor() {
        executor.shutdownNow();
        SessionScheduler.Cancellable task = queue.schedule(() -> { }, 0);
        task.cancel();
        assertThat(queue.size()).isZero();
        queue.schedule(() -> { }, 0);
        assertThat(queue.size()).isEqualTo(1);
    }
}
