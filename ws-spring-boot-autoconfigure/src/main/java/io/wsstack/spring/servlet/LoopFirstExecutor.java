package io.wsstack.spring.servlet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * Where the handler lanes of one worker endpoint's sessions on one {@link SocketLoop} run: on the
 * loop itself, after its pass, while that endpoint's handlers answer quickly; on the handler
 * threads otherwise. A handler run that takes longer than the budget, or that the loop's watch finds
 * blocking, is a slow run; {@value #SLOW_RUNS} of them within {@value #WINDOW_RUNS} runs send the
 * endpoint's runs to the handler threads for a while (one second, twice as long each time it
 * happens again right after, at most a minute), then they try the loop again. A share rather than
 * one slow run, because on a busy machine the loop thread is descheduled now and then for a few
 * milliseconds in the middle of a quick run (one run in a thousand, measured with the harness's
 * 1,000 connections on two cores), while a handler that blocks is slow on most of its calls.
 *
 * <p>So a handler that never blocks costs no hand-off to another thread (waking a parked thread and
 * moving the session's state between cores were a third of a small message's CPU), and one that
 * blocks holds the loop's other sockets up for its first {@value #SLOW_RUNS} calls (each for at most
 * its budget, or one to two ticks of the watch) and then only at the end of each offload.
 *
 * <p>Runs queued from anywhere but the loop between its runs (Tomcat's request thread opening a
 * session, a timer, another handler) go to the handler threads, as do all runs with a zero budget.
 */
final class LoopFirstExecutor implements Executor {

    private static final Log log = LogFactory.getLog(LoopFirstExecutor.class);
    private static final AtomicLongFieldUpdater<LoopFirstExecutor> OFFLOADED_UNTIL =
            AtomicLongFieldUpdater.newUpdater(LoopFirstExecutor.class, "offloadedUntil");

    /** How long an endpoint's runs first stay on the handler threads once they have been slow. */
    static final long OFFLOAD_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The longest stay, reached by doubling while the runs are slow again as soon as they come back. */
    static final long MAX_OFFLOAD_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Slow runs (over budget, or blocking) that send the runs to the handler threads... */
    static final int SLOW_RUNS = 16;
    /** ...when they come within this many runs on the loop. */
    static final int WINDOW_RUNS = 256;
    private static final AtomicIntegerFieldUpdater<LoopFirstExecutor> SLOW =
            AtomicIntegerFieldUpdater.newUpdater(LoopFirstExecutor.class, "slowRuns");

    private final SocketLoop loop;
    private final Executor handlerThreads;
    private final String endpoint;
    private final long budgetNanos;
    /** {@code System.nanoTime()} until which runs go to the handler threads; 0 while they run on the loop. */
    private volatile long offloadedUntil;
    private volatile boolean logged;
    /** Slow runs in the current window; the watch adds too. */
    private volatile int slowRuns;
    /** Runs on the loop in the current window; loop thread only. */
    private int windowRuns;
    /** How long the next offload lasts; doubles while offloads follow each other. */
    private volatile long offloadNanos = OFFLOAD_NANOS;
    /** A whole window passed since the runs came back without enough slow runs: the next offload starts short again. */
    private volatile boolean windowCleanSinceOffload = true;

    LoopFirstExecutor(SocketLoop loop, Executor handlerThreads, String endpoint, Duration budget) {
        this.loop = loop;
        this.handlerThreads = handlerThreads;
        this.endpoint = endpoint;
        this.budgetNanos = Math.max(0, budget.toNanos());
    }

    @Override
    public void execute(Runnable run) {
        if (budgetNanos > 0 && loop.inLoop() && loop.acceptsRuns() && !offloaded()) {
            loop.runAfterPass(run, this);
        } else {
            handlerThreads.execute(run);
        }
    }

    private boolean offloaded() {
        long until = offloadedUntil;
        if (until == 0) {
            return false;
        }
        if (System.nanoTime() - until < 0) {
            return true;
        }
        // Expired: back to the loop, unless the watch has just offloaded again.
        OFFLOADED_UNTIL.compareAndSet(this, until, 0);
        return false;
    }

    /** A run on the loop ended after {@code nanos}; loop thread only. */
    void ranFor(long nanos) {
        if (nanos > budgetNanos) {
            slow("handler runs took longer than the budget, the last " + TimeUnit.NANOSECONDS.toMicros(nanos) + " us");
        }
        if (++windowRuns >= WINDOW_RUNS) {
            windowRuns = 0;
            slowRuns = 0;
            windowCleanSinceOffload = true;
        }
    }

    /** The loop's watch found a run of ours holding the loop for at least {@code heldMillis}; watch thread only. */
    void caughtBlocking(long heldMillis) {
        slow("handlers blocked the socket thread, the last for more than " + heldMillis + " ms");
    }

    private void slow(String why) {
        if (SLOW.incrementAndGet(this) >= SLOW_RUNS) {
            slowRuns = 0;
            offload(why);
        }
    }

    private void offload(String why) {
        long stay = windowCleanSinceOffload ? OFFLOAD_NANOS : Math.min(MAX_OFFLOAD_NANOS, 2 * offloadNanos);
        windowCleanSinceOffload = false;
        offloadNanos = stay;
        long until = System.nanoTime() + stay;
        offloadedUntil = until == 0 ? 1 : until;
        if (!logged) {
            logged = true;
            log.info("WebSocket endpoint '" + endpoint + "': " + why + " (budget "
                    + TimeUnit.NANOSECONDS.toMicros(budgetNanos) + " us, ws.tomcat.inline-handler-budget); its "
                    + "handlers run on handler threads for a while each time this happens "
                    + "(logged once; handler-dispatch stays worker)");
        } else if (log.isDebugEnabled()) {
            log.debug("WebSocket endpoint '" + endpoint + "': " + why + "; handler threads for "
                    + TimeUnit.NANOSECONDS.toMillis(stay) + " ms");
        }
    }
}
