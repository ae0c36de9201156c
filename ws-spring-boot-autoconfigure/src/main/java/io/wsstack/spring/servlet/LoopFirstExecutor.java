package io.wsstack.spring.servlet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Where the handler lanes of one worker endpoint's sessions on one {@link SocketLoop} run: on the
 * loop itself, after its pass, while that endpoint's handlers answer quickly; on the handler
 * threads otherwise. A handler run that takes longer than the budget, or that the loop's watch finds
 * blocking, sends the endpoint's runs to the handler threads for {@link #OFFLOAD_NANOS one second};
 * then they try the loop again. So a handler that never blocks costs no hand-off to another thread
 * (the wake-up of a parked thread and the session's state moving between cores were most of a small
 * message's cost), and one that does block holds the loop's other sockets up once a second at most,
 * for at most its budget (or one to two ticks of the watch).
 *
 * <p>Runs queued from anywhere but the loop between its runs (Tomcat's request thread opening a
 * session, a timer, another handler) go to the handler threads, as do all runs with a zero budget.
 */
final class LoopFirstExecutor implements Executor {

    private static final Log log = LogFactory.getLog(LoopFirstExecutor.class);

    /** How long an endpoint's runs stay on the handler threads after one of them ran too long. */
    static final long OFFLOAD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final SocketLoop loop;
    private final Executor handlerThreads;
    private final String endpoint;
    private final long budgetNanos;
    /** {@code System.nanoTime()} until which runs go to the handler threads; 0 while they run on the loop. */
    private volatile long offloadedUntil;
    private volatile boolean logged;

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
        offloadedUntil = 0;
        return false;
    }

    /** A run on the loop ended after {@code nanos}; loop thread only. */
    void ranFor(long nanos) {
        if (nanos > budgetNanos) {
            offload("a handler run took " + TimeUnit.NANOSECONDS.toMicros(nanos) + " us");
        }
    }

    /** The loop's watch found a run of ours holding the loop for at least {@code tickMillis}; watch thread only. */
    void caughtBlocking(long tickMillis) {
        offload("a handler blocked the socket thread for more than " + tickMillis + " ms");
    }

    private void offload(String why) {
        long until = System.nanoTime() + OFFLOAD_NANOS;
        offloadedUntil = until == 0 ? 1 : until;
        if (!logged) {
            logged = true;
            log.info("WebSocket endpoint '" + endpoint + "': " + why + " (budget "
                    + TimeUnit.NANOSECONDS.toMicros(budgetNanos) + " us, ws.tomcat.inline-handler-budget); its "
                    + "handlers run on handler threads for the next second each time this happens "
                    + "(logged once; handler-dispatch stays worker)");
        } else if (log.isDebugEnabled()) {
            log.debug("WebSocket endpoint '" + endpoint + "': " + why + "; handler threads for a second");
        }
    }
}
