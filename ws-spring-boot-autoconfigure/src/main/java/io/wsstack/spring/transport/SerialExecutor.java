package io.wsstack.spring.transport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * Runs one session's tasks one at a time, in the order they were submitted, on a shared executor:
 * per-session order without a thread per session. A run takes every task queued so far; at its end
 * (before another run can start) the {@link BatchListener} hears about it, which is where the
 * transport flushes the batch's writes and asks the channel for more bytes.
 *
 * <p>The executor receives the {@code SerialExecutor} itself as the task of a run ({@link #run()}),
 * so starting a run allocates nothing.
 */
public final class SerialExecutor implements Runnable {

    private static final Log log = LogFactory.getLog(SerialExecutor.class);

    /** Told when a run starts and ends, on the run's thread. */
    public interface BatchListener {
        void batchStarted();

        void batchEnded();
    }

    private final Executor executor;
    private final BatchListener listener;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private static final AtomicIntegerFieldUpdater<SerialExecutor> PENDING =
            AtomicIntegerFieldUpdater.newUpdater(SerialExecutor.class, "pending");
    /** Submissions not yet accounted for by a run; the one that moves it from 0 starts a run (a field, not an object: one per session). */
    private volatile int pending;

    public SerialExecutor(Executor executor, BatchListener listener) {
        this.executor = executor;
        this.listener = listener;
    }

    public void execute(Runnable task) {
        tasks.add(task);
        if (PENDING.getAndIncrement(this) == 0) {
            try {
                executor.execute(this);
            } catch (RejectedExecutionException stopping) {
                // The application is stopping: finish the session's work on this thread rather than lose it.
                run();
            }
        }
    }

    /** One run: the session's queued tasks, until none is left. Only the executor calls this. */
    @Override
    public void run() {
        int accounted = 1;
        do {
            listener.batchStarted();
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("A WebSocket session task failed", e);
                }
            }
            listener.batchEnded();
            accounted = PENDING.addAndGet(this, -accounted);
        } while (accounted != 0);
    }
}
