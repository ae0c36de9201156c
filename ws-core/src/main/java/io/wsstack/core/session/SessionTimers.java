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
 *
 * <p>All deadlines share <em>one</em> scheduled task, armed for the earliest of them: when it fires it
 * handles whatever is due and re-arms for the next. An idle session thus holds one task in the
 * scheduler, not one per timer (thousands of idle sessions hold thousands of tasks, so each one
 * counts), and the timers object is itself the task, so it allocates no callbacks of its own. On
 * the scheduler of {@link SessionScheduler#of} (a {@link DeadlineQueue}) it is even the queue's
 * entry: an armed session holds no scheduled-task object at all.
 */
public final class SessionTimers extends DeadlineQueue.Entry {

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

    /** What {@link #task} holds while this object itself is armed in the {@link #queue}. */
    private static final SessionScheduler.Cancellable IN_QUEUE = () -> { };

    private static final int IDLE = 1;
    private static final int PING = 2;
    private static final int UNANSWERED = 4;
    private static final int CLOSE = 8;

    /**
     * The durations, clock and scheduler of a kind of session (an endpoint's, a client's): made once
     * and shared, so that each session's timers hold one reference instead of seven fields.
     */
    public static final class Rules {
        private final SessionScheduler scheduler;
        /** The scheduler when it is a {@link DeadlineQueue}, which takes the timers themselves as its entries. */
        private final DeadlineQueue queue;
        private final LongSupplier nanoClock;
        private final long idleNanos;
        private final long pingNanos;
        private final long pongNanos;
        private final long closeNanos;

        /**
         * @param idleTimeout  close after this long without a byte from the peer; zero for never
         * @param pingInterval a keep-alive ping this often; zero for none
         * @param pongTimeout  how long a keep-alive ping may go unanswered; zero or more than the
         *                     interval means "until the next ping is due"
         * @param closeTimeout how long our Close may go unanswered; zero for no limit
         */
        public Rules(SessionScheduler scheduler, LongSupplier nanoClock, Duration idleTimeout,
                     Duration pingInterval, Duration pongTimeout, Duration closeTimeout) {
            this.scheduler = scheduler;
            this.queue = scheduler instanceof DeadlineQueue deadlines ? deadlines : null;
            this.nanoClock = nanoClock;
            this.idleNanos = idleTimeout.toNanos();
            this.pingNanos = pingInterval.toNanos();
            long pong = pongTimeout.toNanos();
            this.pongNanos = pong <= 0 || pong > pingNanos ? pingNanos : pong;
            this.closeNanos = closeTimeout.toNanos();
        }
    }

    private final Rules rules;
    private final Target target;

    private volatile long lastReceivedNanos;
    private volatile boolean awaitingPong;
    private boolean cancelled;
    private boolean closing;
    /** Rules that fired for good (idle, unanswered ping, close timeout): they are not checked again. */
    private int spent;
    /** The one scheduled task, and the deadline it is armed for. */
    private SessionScheduler.Cancellable task = SessionScheduler.NONE;
    private long armedAt;
    private long nextPingAt;
    /** The pong deadline while a keep-alive ping waits for its pong; the close deadline once closing. */
    private long deadline;

    /**
     * @param pingInterval a keep-alive ping this often; zero for none
     * @param pongTimeout  how long a keep-alive ping may go unanswered; zero or more than the
     *                     interval means "until the next ping is due"
     */
    public SessionTimers(SessionScheduler scheduler, LongSupplier nanoClock, Duration idleTimeout,
                         Duration pingInterval, Duration pongTimeout, Duration closeTimeout, Target target) {
        this(new Rules(scheduler, nanoClock, idleTimeout, pingInterval, pongTimeout, closeTimeout), target);
    }

    /** Timers following shared {@link Rules}. */
    public SessionTimers(Rules rules, Target target) {
        this.rules = rules;
        this.target = target;
    }

    /** Starts the idle check and the keep-alive pings (each only when its duration is positive). */
    public synchronized void start() {
        long now = rules.nanoClock.getAsLong();
        lastReceivedNanos = now;
        nextPingAt = now + rules.pingNanos;
        arm(now);
    }

    /** Bytes arrived from the peer. */
    public void received() {
        lastReceivedNanos = rules.nanoClock.getAsLong();
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
        long now = rules.nanoClock.getAsLong();
        deadline = now + rules.closeNanos;
        if (rules.closeNanos <= 0) {
            disarm();
            return;
        }
        arm(now);
    }

    /** The session ended: nothing fires any more. */
    public synchronized void cancel() {
        cancelled = true;
        disarm();
    }

    /**
     * The scheduler's call when the armed deadline is reached (not for other callers): handles what
     * is due, in the order the rules were armed, and re-arms for the next deadline.
     */
    @Override
    public void run() {
        int fire = 0;
        synchronized (this) {
            task = SessionScheduler.NONE;
            if (cancelled) {
                return;
            }
            long now = rules.nanoClock.getAsLong();
            if (closing) {
                if ((spent & CLOSE) == 0 && now - deadline >= 0) {
                    spent |= CLOSE;
                    fire = CLOSE;
                }
            } else {
                if (rules.pingNanos > 0 && (spent & UNANSWERED) == 0) {
                    if (awaitingPong) {
                        if (now - deadline >= 0) {
                            spent |= UNANSWERED;
                            fire |= UNANSWERED;
                        }
                    } else if (now - nextPingAt >= 0) {
                        awaitingPong = true;
                        deadline = now + rules.pongNanos;
                        nextPingAt = now + rules.pingNanos;
                        fire |= PING;
                    }
                }
                if (rules.idleNanos > 0 && (spent & IDLE) == 0 && now - (lastReceivedNanos + rules.idleNanos) >= 0) {
                    spent |= IDLE;
                    fire |= IDLE;
                }
            }
            arm(now);
        }
        if ((fire & IDLE) != 0) {
            target.idleTimeoutExpired();
        }
        if ((fire & UNANSWERED) != 0) {
            target.keepAliveUnanswered();
        }
        if ((fire & PING) != 0) {
            target.sendKeepAlivePing();
        }
        if ((fire & CLOSE) != 0) {
            target.closeTimeoutExpired();
        }
    }

    /**
     * Arms the one task for the earliest deadline still to come, unless it is already armed for an
     * earlier one (it re-arms when it fires). Called under the lock.
     */
    private void arm(long now) {
        if (cancelled) {
            return;
        }
        long next;
        if (closing) {
            if (rules.closeNanos <= 0 || (spent & CLOSE) != 0) {
                return;
            }
            next = deadline;
        } else {
            boolean any = false;
            next = 0;
            if (rules.idleNanos > 0 && (spent & IDLE) == 0) {
                next = lastReceivedNanos + rules.idleNanos;
                any = true;
            }
            if (rules.pingNanos > 0 && (spent & UNANSWERED) == 0) {
                long ping = awaitingPong ? deadline : nextPingAt;
                if (!any || ping - next < 0) {
                    next = ping;
                }
                any = true;
            }
            if (!any) {
                return;
            }
        }
        if (task != SessionScheduler.NONE) {
            if (armedAt - next <= 0) {
                return;
            }
            disarm();
        }
        armedAt = next;
        long delay = Math.max(0, next - now);
        if (rules.queue != null) {
            rules.queue.arm(this, delay); // this object is the queue's entry: nothing allocated
            task = IN_QUEUE;
        } else {
            task = rules.scheduler.schedule(this, delay);
        }
    }

    /** Calls off the armed task, if any. Called under the lock. */
    private void disarm() {
        if (task == IN_QUEUE) {
            rules.queue.disarm(this);
        } else {
            task.cancel();
        }
        task = SessionScheduler.NONE;
    }
}
