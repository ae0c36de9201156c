package io.wsstack.client;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The clocks of one open session, run on the client's timer thread: the idle timeout and keepalive
 * pings, both measured from the last bytes received (a half-open connection delivers none), and the
 * close timeout, which starts when a Close frame is first sent or received. The callbacks only queue
 * frames or close the socket; they never block.
 */
final class SessionTimers {

    /** What the timers ask of their session. */
    interface Actions {
        /** Nothing arrived for the idle timeout. */
        void idle();

        /** Nothing arrived for the ping interval. */
        void keepalivePing();

        /** A keepalive ping went out and nothing, its pong included, arrived within the pong timeout. */
        void pongTimedOut();

        /** The closing handshake did not finish in time. */
        void closeTimedOut();
    }

    private final ScheduledExecutorService executor;
    private final Actions actions;
    private final long idleNanos;
    private final long pingNanos;
    private final long closeNanos;
    private final long pongNanos;
    private volatile long lastReceived = System.nanoTime();
    private ScheduledFuture<?> idleTask;
    private ScheduledFuture<?> pingTask;
    private ScheduledFuture<?> closeTask;
    private boolean cancelled;

    SessionTimers(ScheduledExecutorService executor, ClientConfig config, Actions actions) {
        this.executor = executor;
        this.actions = actions;
        this.idleNanos = config.idleTimeout().toNanos();
        this.pingNanos = config.pingInterval().toNanos();
        this.closeNanos = config.closeTimeout().toNanos();
        this.pongNanos = config.pongTimeout().toNanos();
    }

    /** Starts the idle and ping clocks, when configured. */
    synchronized void start() {
        lastReceived = System.nanoTime();
        if (idleNanos > 0) {
            idleTask = schedule(this::checkIdle, idleNanos);
        }
        if (pingNanos > 0) {
            pingTask = schedule(this::checkPing, pingNanos);
        }
    }

    /** Bytes arrived from the server. */
    void received() {
        lastReceived = System.nanoTime();
    }

    /** Starts the close timeout unless it already runs. */
    synchronized void startCloseTimer() {
        if (closeTask == null && !cancelled) {
            closeTask = schedule(actions::closeTimedOut, closeNanos);
        }
    }

    /** Stops every clock; later calls start nothing. */
    synchronized void cancel() {
        cancelled = true;
        for (ScheduledFuture<?> task : new ScheduledFuture<?>[] {idleTask, pingTask, closeTask}) {
            if (task != null) {
                task.cancel(false);
            }
        }
    }

    private synchronized boolean isCancelled() {
        return cancelled;
    }

    private void checkIdle() {
        long quiet = System.nanoTime() - lastReceived;
        if (quiet >= idleNanos) {
            actions.idle();
        } else {
            reschedule(true, idleNanos - quiet);
        }
    }

    private void checkPing() {
        long quiet = System.nanoTime() - lastReceived;
        if (quiet >= pingNanos) {
            long pingedAt = System.nanoTime();
            actions.keepalivePing();
            if (pongNanos > 0) {
                // Any bytes prove the peer alive, not only the pong: a busy peer may queue it behind data.
                schedule(() -> {
                    if (lastReceived - pingedAt < 0 && !isCancelled()) {
                        actions.pongTimedOut();
                    }
                }, pongNanos);
            }
            reschedule(false, pingNanos);
        } else {
            reschedule(false, pingNanos - quiet);
        }
    }

    private synchronized void reschedule(boolean idle, long delayNanos) {
        if (cancelled) {
            return;
        }
        if (idle) {
            idleTask = schedule(this::checkIdle, delayNanos);
        } else {
            pingTask = schedule(this::checkPing, delayNanos);
        }
    }

    private ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        try {
            return executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null; // the client is closing; it aborts its sessions itself
        }
    }
}
