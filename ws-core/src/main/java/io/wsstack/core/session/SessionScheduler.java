package io.wsstack.core.session;

import java.util.concurrent.ScheduledExecutorService;

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

    /** Nothing to cancel (a scheduler that shuts down may return it and never run the task). */
    Cancellable NONE = () -> { };

    /**
     * Runs {@code task} once after {@code delayNanos}, on a thread of the scheduler's choosing.
     * A scheduler that is shutting down may return {@link #NONE} and never run the task.
     */
    Cancellable schedule(Runnable task, long delayNanos);

    /**
     * A scheduler backed by an executor: the deadlines of all sessions that share it wait in one
     * queue, and the executor holds a single task of it, for the earliest ({@link DeadlineQueue}).
     * Once the executor refuses tasks because it shuts down, deadlines never run.
     */
    static SessionScheduler of(ScheduledExecutorService executor) {
        return new DeadlineQueue(executor, System::nanoTime);
    }
}
