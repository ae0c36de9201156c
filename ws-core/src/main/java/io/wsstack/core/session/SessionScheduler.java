package io.wsstack.core.session;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where a session's timers run: one-shot tasks after a delay. The session core never blocks and
 * never owns a thread; a transport supplies this (a shared scheduler thread, an event loop's timer
 * wheel, or a test's manual clock).
 */
@FunctionalInterface
public interface SessionScheduler {

    /** A scheduled task that may be called off; cancelling twice, or after it ran, does nothing. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    /** Nothing to cancel: what {@link #of} returns once the executor refuses new tasks. */
    Cancellable NONE = () -> { };

    /**
     * Runs {@code task} once after {@code delayNanos}, on a thread of the scheduler's choosing.
     * A scheduler that is shutting down may return {@link #NONE} and never run the task.
     */
    Cancellable schedule(Runnable task, long delayNanos);

    /** A scheduler backed by an executor; a task refused because the executor shuts down is dropped. */
    static SessionScheduler of(ScheduledExecutorService executor) {
        return (task, delayNanos) -> {
            try {
                ScheduledFuture<?> future = executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
                return () -> future.cancel(false);
            } catch (RejectedExecutionException e) {
                return NONE;
            }
        };
    }
}
