package io.wsstack.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The shared deadline queue under churn, on the real clock and a real executor: many sessions'
 * entries armed, moved earlier and later and disarmed from several threads at once, while the
 * queue's one executor task sleeps for some deadline and fires others. What must hold: a deadline
 * moved earlier fires at its new time (no wake-up lost to a task armed for a later one), every
 * armed deadline fires exactly once and never early, a disarmed one never fires, and the heap holds
 * nothing once every session is gone.
 */
class DeadlineQueueStressTest {

    private static final long MS = 1_000_000;
    private static final int THREADS = 4;
    private static final int ENTRIES_PER_THREAD = 500;

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    private final DeadlineQueue queue = new DeadlineQueue(executor, System::nanoTime);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    {
        executor.setRemoveOnCancelPolicy(true); // as the transports' scheduler
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** One session's deadline: counts its runs and remembers when it was allowed to run. */
    private static final class Probe extends DeadlineQueue.Entry {
        final AtomicInteger runs = new AtomicInteger();
        /** The earliest System.nanoTime at which the current arming may fire. */
        volatile long notBefore;
        volatile long firedAt;
        volatile CountDownLatch fired;
        /** Moved later only after its first due time had passed (a slow test thread): may fire twice. */
        volatile boolean raced;

        @Override
        public void run() {
            firedAt = System.nanoTime();
            int run = runs.incrementAndGet();
            CountDownLatch latch = fired;
            if (latch != null && run == 1) {
                latch.countDown();
            }
        }
    }

    @Test
    @DisplayName("Churn from several threads, then a last arming: each armed deadline fires once, on time; disarmed ones never; no entry left")
    void churnThenEveryDeadlineOnce() throws Exception {
        List<List<Probe>> owned = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            List<Probe> probes = new ArrayList<>();
            for (int i = 0; i < ENTRIES_PER_THREAD; i++) {
                probes.add(new Probe());
            }
            owned.add(probes);
        }

        // Phase 1, churn: short deadlines firing while other threads re-arm and disarm.
        runOnThreads(owned, (probes, random) -> {
            long end = System.nanoTime() + 600 * MS;
            while (System.nanoTime() - end < 0) {
                Probe probe = probes.get(random.nextInt(probes.size()));
                int op = random.nextInt(10);
                if (op < 7) {
                    queue.arm(probe, random.nextInt(5) * MS);
                } else {
                    queue.disarm(probe);
                }
            }
            for (Probe probe : probes) {
                queue.disarm(probe);
            }
        });
        quiesce();
        assertThat(queue.size()).as("entries left after every session disarmed").isZero();

        // Phase 2: each entry armed far out, then moved (mostly earlier, some later), some disarmed,
        // all from several threads while earlier ones already fire.
        int[] expected = new int[1];
        List<Probe> armed = new ArrayList<>();
        List<Probe> disarmed = new ArrayList<>();
        for (List<Probe> probes : owned) {
            for (Probe probe : probes) {
                probe.runs.set(0);
                if (ThreadLocalRandom.current().nextInt(10) == 0) {
                    disarmed.add(probe);
                } else {
                    armed.add(probe);
                    expected[0]++;
                }
            }
        }
        CountDownLatch allFired = new CountDownLatch(expected[0]);
        for (Probe probe : armed) {
            probe.fired = allFired;
        }
        runOnThreads(owned, (probes, random) -> {
            for (Probe probe : probes) {
                queue.arm(probe, 60_000 * MS); // the queue's task sleeps for a far deadline...
            }
            for (Probe probe : probes) {
                if (disarmed.contains(probe)) {
                    queue.disarm(probe);
                    continue;
                }
                long delay = (20 + random.nextInt(400)) * MS; // ...and must wake for these, moved earlier
                probe.notBefore = System.nanoTime() + delay;
                queue.arm(probe, delay);
                if (random.nextInt(4) == 0) {
                    long later = delay + random.nextInt(200) * MS; // moved later again: fires once, at the later time
                    long firstDue = probe.notBefore;
                    probe.notBefore = System.nanoTime() + later;
                    queue.arm(probe, later);
                    // This thread was descheduled past the first due time: that one may have fired already.
                    probe.raced = System.nanoTime() - firstDue >= 0;
                }
            }
        });
        assertThat(allFired.await(8, TimeUnit.SECONDS))
                .as("deadlines fired (of " + expected[0] + ")").isTrue();
        quiesce();
        for (Probe probe : armed) {
            if (probe.raced) {
                continue;
            }
            assertThat(probe.runs.get()).as("runs of one armed deadline").isEqualTo(1);
            assertThat(probe.firedAt - probe.notBefore).as("fired before its due time (ns)").isGreaterThanOrEqualTo(0);
        }
        for (Probe probe : disarmed) {
            assertThat(probe.runs.get()).as("runs of a disarmed deadline").isZero();
        }
        assertThat(queue.size()).as("entries left after every deadline fired").isZero();
        assertThat(failure.get()).isNull();
    }

    @Test
    @DisplayName("Sessions coming and going: the heap never grows past the live sessions' deadlines")
    void churnOfSessionsLeavesNothing() throws Exception {
        List<List<Probe>> owned = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            owned.add(new ArrayList<>());
        }
        AtomicInteger maxSize = new AtomicInteger();
        runOnThreads(owned, (unused, random) -> {
            for (int round = 0; round < 20_000; round++) {
                // a session opens (idle deadline armed), reads (moved later), then closes (disarmed)
                Probe session = new Probe();
                queue.arm(session, (100 + random.nextInt(100)) * MS);
                queue.arm(session, (200 + random.nextInt(100)) * MS);
                queue.disarm(session);
                if ((round & 255) == 0) {
                    maxSize.accumulateAndGet(queue.size(), Math::max);
                }
            }
        });
        assertThat(queue.size()).isZero();
        assertThat(maxSize.get()).isLessThanOrEqualTo(THREADS);
        assertThat(failure.get()).isNull();
    }

    @FunctionalInterface
    private interface Work {
        void run(List<Probe> probes, ThreadLocalRandom random) throws Exception;
    }

    private void runOnThreads(List<List<Probe>> owned, Work work) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (List<Probe> probes : owned) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    work.run(probes, ThreadLocalRandom.current());
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(thread.isAlive()).isFalse();
        }
        assertThat(failure.get()).isNull();
    }

    /** Waits until the executor's thread has finished whatever batch it was running. */
    private void quiesce() throws Exception {
        executor.submit(() -> { }).get(5, TimeUnit.SECONDS);
    }
}
