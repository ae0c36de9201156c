package io.wsstack.core.session;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The deadlines of one session: the idle timeout, keep-alive pings with their pong timeout, and the
 * close timeout. The same rules serve both ends (server transports and the client).
 *
 * <p>Receiving bytes only writes a timestamp: the idle check re-arms itself for the time that is
 * left instead of being rescheduled on every read, so the read path costs one volatile write. A
 * keep-alive ping goes out every ping interval; if its pong has not arrived within the pong timeout
 * the peer is taken as gone (RFC 6455 §5.5.2 leaves the policy to the endpoint). Time comes from an
 * injected clock and tasks from an injected {@link SessionScheduler}, so tests drive both.
 */
public final class SessionTimers {

    /** What the timers ask their session to do; called on the scheduler's thread. */
    public interface Target {
        /** Nothing was received for the idle timeout. */
        void idleTimeoutExpired();

        /** Time for a keep-alive ping. */
        void sendKeepAlivePing();

        /** The last keep-alive ping got no pong within the pong timeout. */
        void keepAliveUnanswered();

        /** Our Close frame got no answer (or the peer did not read it) within the close timeout. */
        void closeTimeoutExpired();
    }

    private final SessionScheduler scheduler;
    private final LongSupplier nanoClock;
    private final long idleNanos;
    private final long pingNanos;
    private final long pongNanos;
    private final long closeNanos;
    private final Target target;
    private final Runnable checkIdle = this::checkIdle;
    private final Runnable keepAlive = this::keepAlive;
    private final Runnable checkPong = this::checkPong;
    private final Runnable closeTimedOut = this::closeTimedOut;

    private volatile long lastReceivedNanos;
    private volatile boolean awaitingPong;
    private boolean cancelled;
    private boolean closing;
    private SessionScheduler.Cancellable idleTask = SessionScheduler.NONE;
    private SessionScheduler.Cancellable pingTask = SessionScheduler.NONE;
    private SessionScheduler.Cancellable closeTask;

    /**
     * @param pingInterval a keep-alive ping this often; zero for none
     * @param pongTimeout  how long a keep-alive ping may go unanswered; zero or more than the
     *                     interval means "until the next ping is due"
     */
    public SessionTimers(SessionScheduler scheduler, LongSupplier nanoClock, Duration idleTimeout,
                         Duration pingInterval, Duration pongTimeout, Duration closeTimeout, Target target) {
        this.scheduler = scheduler;
        this.nanoClock = nanoClock;
        this.idleNanos = idleTimeout.toNanos();
        this.pingNanos = pingInterval.toNanos();
        long pong = pongTimeout.toNanos();
        this.pongNanos = pong <= 0 || pong > pingNanos ? pingNanos : pong;
        this.closeNanos = closeTimeout.toNanos();
        this.target = target;
    }

    /** Starts the idle check and the keep-alive pings (each only when its duration is positive). */
    public synchronized void start() {
        lastReceivedNanos = nanoClock.getAsLong();
        if (idleNanos > 0) {
            idleTask = scheduler.schedule(checkIdle, idleNanos);
        }
        if (pingNanos > 0) {
            pingTask = scheduler.schedule(keepAlive, pingNanos);
        }
    }

    /** Bytes arrived from the peer. */
    public void received() {
        lastReceivedNanos = nanoClock.getAsLong();
    }

    /** Bytes arrived from the peer at {@code nowNanos}, a reading of this session's clock the caller already took. */
    public void received(long nowNanos) {
        lastReceivedNanos = nowNanos;
    }

    /** A pong arrived: the outstanding keep-alive ping, if any, is answered. */
    public void pongReceived() {
        awaitingPong = false;
    }

    /** A Close frame was sent or received: arm the close timeout (once) and stop pinging. */
    public synchronized void closeStarted() {
        if (cancelled || closing) {
            return;
        }
        closing = true;
        pingTask.cancel();
        idleTask.cancel();
        if (closeNanos > 0) {
            closeTask = scheduler.schedule(closeTimedOut, closeNanos);
        }
    }

    /** The session ended: nothing fires any more. */
    public synchronized void cancel() {
        cancelled = true;
        idleTask.cancel();
        pingTask.cancel();
        if (closeTask != null) {
            closeTask.cancel();
        }
    }

    private void checkIdle() {
        synchronized (this) {
            if (cancelled || closing) {
                return;
            }
            long left = idleNanos - (nanoClock.getAsLong() - lastReceivedNanos);
            if (left > 0) {
                idleTask = scheduler.schedule(checkIdle, left);
                return;
            }
        }
        target.idleTimeoutExpired();
    }

    private void keepAlive() {
        synchronized (this) {
            if (cancelled || closing) {
                return;
            }
            awaitingPong = true;
            pingTask = scheduler.schedule(checkPong, pongNanos);
        }
        target.sendKeepAlivePing();
    }

    private void checkPong() {
        synchronized (this) {
            if (cancelled || closing) {
                return;
            }
            if (!awaitingPong) {
                long rest = pingNanos - pongNanos;
                if (rest > 0) {
                    pingTask = scheduler.schedule(keepAlive, rest);
                    return;
                }
            }
        }
        if (awaitingPong) {
            target.keepAliveUnanswered();
        } else {
            keepAlive();
        }
    }

    private void closeTimedOut() {
        synchronized (this) {
            if (cancelled) {
                return;
            }
        }
        target.closeTimeoutExpired();
    }
}
