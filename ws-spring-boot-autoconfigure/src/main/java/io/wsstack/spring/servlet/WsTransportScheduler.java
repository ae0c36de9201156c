package io.wsstack.spring.servlet;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread that runs the sessions' deadlines (idle, keep-alive, pong and close timeouts).
 *
 * <p>A type of our own rather than a {@link ScheduledExecutorService} bean on purpose: Spring Boot's
 * task-scheduling auto-configuration backs off when the context holds a {@code ScheduledExecutorService}
 * (or a {@code TaskScheduler}), which would silently move every {@code @Scheduled} method of the
 * application onto this single thread and delay the sessions' deadlines behind application work.
 * Define a bean of this type to supply another executor.
 */
public final class WsTransportScheduler implements AutoCloseable {

    private final ScheduledExecutorService executor;

    /** Wraps an executor; {@link #close()} shuts it down. */
    public WsTransportScheduler(ScheduledExecutorService executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * One daemon thread named {@code ws-timer-N}; cancelled tasks leave its queue at once, since most
     * deadlines (idle, pong) are cancelled and re-armed far more often than they fire.
     */
    public static WsTransportScheduler singleThread() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, "ws-timer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, threads);
        executor.setRemoveOnCancelPolicy(true);
        return new WsTransportScheduler(executor);
    }

    /** The executor the transport schedules on. */
    public ScheduledExecutorService executor() {
        return executor;
    }

    /** Stops the thread; pending deadlines are dropped (the sessions are closed by then). */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
