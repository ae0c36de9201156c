package io.wsstack.spring.servlet;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The deadlines of one session on the shared scheduler: the idle timeout, keep-alive pings and the
 * close timeout.
 *
 * <p>Receiving bytes only writes a timestamp; the idle check re-arms itself for the time that is
 * left instead of rescheduling on every read, so the hot path costs one volatile write. Time comes
 * from an injected nanosecond clock so that tests can drive it.
 */
final class SessionTimers {

    /** What the timers ask their session to do. */
    interface Target {
        /** Nothing was received for the idle timeout. */
        void idleTimeoutExpired();

        /** Time for a keep-alive ping. */
        void sendKeepAlivePing();

        /** The previous keep-alive ping got no pong before the next one was due. */
        void keepAliveUnanswered();

        /** Our Close frame got no answer within the close timeout. */
        void closeTimeoutExpired();
    }

    private final ScheduledExecutorService scheduler;
    private final LongSupplier nanoClock;
    private final long idleNanos;
    private final long pingNanos;
    private final long closeNanos;
    private final Target target;

    private volatile long lastReceivedNanos;
    private volatile boolean awaitingPong;
    private volatile boolean cancelled;
    private ScheduledFuture<?> idleCheck;
    private ScheduledFuture<?> pinger;
    private ScheduledFuture<?> closeDeadline;

    SessionTimers(ScheduledExecutorService scheduler, LongSupplier nanoClock, Duration idleTimeout,
                  Duration pingInterval, Duration closeTimeout, Target target) {
        this.scheduler = scheduler;
        this.nanoClock = nanoClock;
        this.idleNanos = idleTimeout.toNanos();
        this.pingNanos = pingInterval.toNanos();
        this.closeNanos = closeTimeout.toNanos();
        this.target = target;
    }

    /** Starts the idle check and the keep-alive pings (each only when its duration is positive). */
    synchronized void start() {
        lastReceivedNanos = nanoClock.getAsLong();
        if (idleNanos > 0) {
            idleCheck = scheduler.schedule(this::checkIdle, idleNanos, TimeUnit.NANOSECONDS);
        }
        if (pingNanos > 0) {
            pinger = scheduler.scheduleAtFixedRate(this::keepAlive, pingNanos, pingNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Bytes arrived from the peer. */
    void received() {
        lastReceivedNanos = nanoClock.getAsLong();
    }

    /** A pong arrived: the outstanding keep-alive ping, if any, is answered. */
    void pongReceived() {
        awaitingPong = false;
    }

    /** We sent our Close: arm the close timeout (once) and stop pinging. */
    synchronized void closeStarted() {
        if (cancelled || closeDeadline != null) {
            return;
        }
        cancel(pinger);
        pinger = null;
        if (closeNanos > 0) {
            closeDeadline = scheduler.schedule(this::closeTimedOut, closeNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The session ended: nothing fires any more. */
    synchronized void cancel() {
        cancelled = true;
        cancel(idleCheck);
        cancel(pinger);
        cancel(closeDeadline);
    }

    private void checkIdle() {
        long left;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            left = idleNanos - (nanoClock.getAsLong() - lastReceivedNanos);
            if (left > 0) {
                idleCheck = scheduler.schedule(this::checkIdle, left, TimeUnit.NANOSECONDS);
                return;
            }
        }
        target.idleTimeoutExpired();
    }

    private void keepAlive() {
        if (cancelled) {
            return;
        }
        if (awaitingPong) {
            target.keepAliveUnanswered();
            return;
        }
        awaitingPong = true;
        target.sendKeepAlivePing();
    }

    private void closeTimedOut() {
        if (!cancelled) {
            target.closeTimeoutExpired();
        }
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }
}
