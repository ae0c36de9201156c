package io.wsstack.core.session;

import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The {@link SessionScheduler} of {@link SessionScheduler#of}: the deadlines of many sessions in one
 * queue (a binary heap ordered by due time) over a {@link ScheduledExecutorService}, which only ever
 * holds <em>one</em> task of this queue, armed for the earliest deadline.
 *
 * <p>Why not one executor task per deadline: a {@code ScheduledThreadPoolExecutor} task costs a
 * future, a runnable adapter and a cancel handle (about 110 bytes), and every idle session holds
 * one for its idle or keep-alive deadline. An {@link Entry} (the session's own {@link SessionTimers})
 * carries its due time and heap position itself, so an armed deadline costs its session no object
 * at all; a plain {@code Runnable} given to {@link #schedule} is wrapped in one small entry.
 *
 * <p>Tasks run on the executor's thread, after the queue's lock is released, in due order; a task
 * may schedule again (a timer re-arming itself). Once the executor refuses tasks (it shuts down),
 * deadlines are accepted and never run, as {@link SessionScheduler#schedule} allows.
 */
final class DeadlineQueue implements SessionScheduler {

    /**
     * What the queue holds: a task with its due time and place in the heap. A timer object extends
     * it and goes in through {@link #arm} and {@link #disarm}, so that arming it allocates nothing.
     */
    abstract static class Entry implements Runnable {
        /** Position in {@link #heap}, or -1 when not queued; guarded by the queue's lock. */
        private int index = -1;
        private long due;
    }

    /** A plain task's entry, which is also its cancel handle. */
    private final class Wrapped extends Entry implements Cancellable {
        private final Runnable task;
        /**
         * Set by {@link #cancel}: the queue's task may already have taken this entry out of the heap
         * (to run it after releasing the lock), where {@link #disarm} no longer finds it.
         */
        private volatile boolean cancelled;

        Wrapped(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            if (!cancelled) {
                task.run();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            disarm(this);
        }
    }

    private final ScheduledExecutorService executor;
    private final LongSupplier nanoClock;
    private final Runnable tick = this::runDue;
    private Entry[] heap = new Entry[16];
    private int size;
    /** The executor's one task, and the due time it is armed for. */
    private ScheduledFuture<?> wakeup;
    private long wakeupAt;

    DeadlineQueue(ScheduledExecutorService executor, LongSupplier nanoClock) {
        this.executor = executor;
        this.nanoClock = nanoClock;
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        Wrapped entry = new Wrapped(task);
        arm(entry, delayNanos);
        return entry;
    }

    /**
     * Queues {@code entry} to run once after {@code delayNanos}; an entry already queued moves to
     * its new due time. An entry belongs to one queue.
     */
    synchronized void arm(Entry entry, long delayNanos) {
        long due = nanoClock.getAsLong() + Math.max(0, delayNanos);
        if (entry.index >= 0) {
            removeAt(entry.index);
        }
        entry.due = due;
        add(entry);
        if (heap[0] == entry) {
            armWakeup(due);
        }
    }

    /** Takes {@code entry} out of the queue if it is there (it has not run yet). */
    synchronized void disarm(Entry entry) {
        // The wake-up stays armed: when it fires for a deadline no longer there it re-arms for the next.
        if (entry.index >= 0) {
            removeAt(entry.index);
        }
    }

    /** How many deadlines wait (tests). */
    synchronized int size() {
        return size;
    }

    /** The executor's task: runs every deadline that is due, then re-arms for the next one. */
    private void runDue() {
        Entry[] due = null;
        int count = 0;
        synchronized (this) {
            wakeup = null;
            long now = nanoClock.getAsLong();
            while (size > 0 && heap[0].due - now <= 0) {
                Entry entry = heap[0];
                removeAt(0);
                if (due == null) {
                    due = new Entry[Math.min(size + 1, 16)];
                } else if (count == due.length) {
                    due = Arrays.copyOf(due, count * 2);
                }
                due[count++] = entry;
            }
            if (size > 0) {
                armWakeup(heap[0].due);
            }
        }
        for (int i = 0; i < count; i++) {
            try {
                due[i].run();
            } catch (Throwable e) {
                // One session's failing deadline must not cost the others theirs: they already left
                // the heap, so an Error thrown past this loop (an AssertionError, an OutOfMemoryError)
                // would lose them for good, and with them close timeouts that release sockets.
                Thread thread = Thread.currentThread();
                thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
            }
        }
    }

    /** Makes the executor's one task fire at {@code due} unless it already fires no later. Under the lock. */
    private void armWakeup(long due) {
        if (wakeup != null) {
            if (wakeupAt - due <= 0) {
                return;
            }
            wakeup.cancel(false);
        }
        try {
            wakeup = executor.schedule(tick, Math.max(0, due - nanoClock.getAsLong()), TimeUnit.NANOSECONDS);
            wakeupAt = due;
        } catch (RejectedExecutionException shuttingDown) {
            wakeup = null;
        }
    }

    // ---- the heap, under the lock ----------------------------------------------------------------

    private void add(Entry entry) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        place(entry, i);
        siftUp(i);
    }

    private void removeAt(int i) {
        heap[i].index = -1;
        int last = --size;
        Entry moved = heap[last];
        heap[last] = null;
        if (i != last) {
            place(moved, i);
            siftDown(i);
            if (heap[i] == moved) {
                siftUp(i);
            }
        }
        if (heap.length > 64 && size < heap.length / 4) {
            // Thousands of sessions left: give the table back.
            heap = Arrays.copyOf(heap, heap.length / 2);
        }
    }

    private void place(Entry entry, int i) {
        heap[i] = entry;
        entry.index = i;
    }

    private void siftUp(int i) {
        Entry entry = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Entry p = heap[parent];
            if (entry.due - p.due >= 0) {
                break;
            }
            place(p, i);
            i = parent;
        }
        place(entry, i);
    }

    private void siftDown(int i) {
        Entry entry = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right].due - heap[child].due < 0) {
                child = right;
            }
            if (entry.due - heap[child].due <= 0) {
                break;
            }
            place(heap[child], i);
            i = child;
        }
        place(entry, i);
    }
}
