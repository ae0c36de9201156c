package io.wsstack.spring.servlet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.Function;

/**
 * One selector thread serving the sockets taken over from Tomcat ({@link TomcatSocketTransport}):
 * it waits for readiness, hands each ready key to its socket, and runs tasks other threads queue
 * for it (registering a socket, resuming a paused one, closing one). A daemon thread with a
 * recognisable name, started when created and stopped by {@link #stop()}.
 *
 * <p>Why our own loop rather than Tomcat's poller: through the servlet upgrade, every read event
 * goes from Tomcat's poller to a worker thread, re-registers read interest (a selector wake-up)
 * and passes Tomcat's upgraded stream and readiness bookkeeping; on a busy connection that was
 * about two thirds of the server's CPU per message. Here a read event costs one read system call
 * on the thread that saw it.
 *
 * <p><b>Handler runs after the pass.</b> A worker endpoint's handler lane started during a pass
 * (by a read) is run by this thread once the pass is over ({@link #runAfterPass}), instead of
 * waking a handler thread for it: handlers that answer at once then cost no hand-off, no wake-up
 * and no second thread touching the session. Handlers may block, though, so a {@link LoopWatch}
 * looks at every loop each {@value LoopWatch#TICK_MILLIS} ms; a run it finds in progress on two
 * looks in a row while the thread waits (or on {@value #RUNNABLE_LOOKS} looks while it stays
 * runnable, see {@link #watchTick()}) has blocked this thread, and the watch hands the loop to a new
 * thread (the selector, the tasks and the runs still waiting), while the old one finishes its run
 * and ends.
 * Which endpoint's runs go to handler threads from then on is {@link LoopFirstExecutor}'s choice.
 */
final class SocketLoop implements Runnable {

    private static final Log log = LogFactory.getLog(SocketLoop.class);

    /** Looks of the watch at one run whose thread stays runnable before the loop goes to a new thread (about 50 ms). */
    static final int RUNNABLE_LOOKS = 10;

    private static final AtomicLongFieldUpdater<SocketLoop> RUN_STATE =
            AtomicLongFieldUpdater.newUpdater(SocketLoop.class, "runState");

    /** What a registered socket hears from its loop; loop thread only. */
    interface Ready {
        /** The key's ready operations (read, write or both). */
        void ready(int readyOps);

        /**
         * The loop stopped (the application is closing) with this socket still registered. Tomcat
         * may have closed the socket meanwhile as it stopped, which a selector does not report.
         */
        void loopStopped();
    }

    private final Selector selector;
    private final String name;
    /** The thread serving the loop now; another one after the watch took the loop from a blocked run. */
    private volatile Thread owner;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** A wake-up was asked for since the loop last woke: others need not ask again. */
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private volatile boolean running = true;
    /** Handler lane runs started during this pass, run at its end, and whose they are; owner only. */
    private final ArrayDeque<Runnable> afterPass = new ArrayDeque<>();
    private final ArrayDeque<LoopFirstExecutor> afterPassFrom = new ArrayDeque<>();
    /**
     * Odd while a run from {@link #afterPass} executes: the owner adds one when it starts and one
     * when it ends; the watch adds two when it takes the loop from a run that blocked (so the old
     * thread's closing add fails, and it knows the loop is no longer its own).
     */
    private volatile long runState;
    /** Whose run executes now, for the watch; written before {@link #runState} turns odd. */
    private LoopFirstExecutor runningFrom;
    /** Set by the watch while a new thread takes the loop over, until that thread has started; the watch does not look meanwhile. */
    private volatile boolean handingOver;
    /** The run state the watch saw at its previous look; watch thread only. */
    private long watchedState = -1;
    /** How many looks in a row saw {@link #watchedState} (a run in progress); watch thread only. */
    private int watchedLooks;
    /** The lane executors of this loop's sessions, one per endpoint. */
    private final Map<String, LoopFirstExecutor> laneExecutors = new ConcurrentHashMap<>();

    SocketLoop(String name) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("opening a selector failed", e);
        }
        this.name = name;
        Thread thread = newThread();
        this.owner = thread;
        thread.start();
        LoopWatch.watch(this);
    }

    private Thread newThread() {
        Thread thread = new Thread(this, name);
        thread.setDaemon(true);
        return thread;
    }

    Selector selector() {
        return selector;
    }

    /** The lane executor of {@code endpoint}'s sessions on this loop, made by {@code factory} at first use. */
    LoopFirstExecutor laneExecutor(String endpoint, Function<String, LoopFirstExecutor> factory) {
        return laneExecutors.computeIfAbsent(endpoint, factory);
    }

    /**
     * Whether the caller is this loop's thread between runs, where reading, writing and closing
     * happen. Not inside a handler run after the pass: that is handler work, which may lose the
     * thread to the watch at any moment and so queues its loop work like any other thread.
     */
    boolean inLoop() {
        return Thread.currentThread() == owner && (runState & 1) == 0;
    }

    /** Runs {@code task} on the loop thread, soon; from the loop itself it runs after the current key. */
    void execute(Runnable task) {
        tasks.add(task);
        // The owner looks at the tasks before it selects again, even from inside a handler run.
        if (Thread.currentThread() != owner && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
        if (!running) {
            // Stopped meanwhile: nobody will run it, and tasks are closes and resumes, safe on any thread.
            runTasks();
        }
    }

    /**
     * Runs a handler lane's run on this thread at the end of the current pass. Only between runs on
     * the loop thread ({@link #inLoop()}) while the loop runs; {@link LoopFirstExecutor} checks.
     */
    void runAfterPass(Runnable run, LoopFirstExecutor from) {
        afterPass.add(run);
        afterPassFrom.add(from);
    }

    /** Whether runs may still be handed to the loop (it has not been stopped). */
    boolean acceptsRuns() {
        return running;
    }

    @Override
    public void run() {
        if (handingOver) {
            // This thread takes over from one whose run blocked: end that run's odd state for the loop.
            RUN_STATE.incrementAndGet(this);
            handingOver = false;
        }
        while (running) {
            if (!pass()) {
                return; // the watch gave the loop to another thread while a handler blocked this one
            }
        }
        runTasks();
        for (SelectionKey key : List.copyOf(selector.keys())) {
            try {
                ((Ready) key.attachment()).loopStopped();
            } catch (RuntimeException e) {
                log.debug("Ending a WebSocket socket at the stop of " + name + " failed", e);
            }
        }
        runTasks();
        if (!runPassRuns()) {
            return;
        }
        // Watched until here: a handler run that blocks the stop still loses the loop, whose new thread ends the sockets.
        LoopWatch.forget(this);
        try {
            selector.close();
        } catch (IOException e) {
            log.debug("Closing the selector of " + name + " failed", e);
        }
    }

    /**
     * One pass of the loop: select, then the tasks, then the runs queued during the pass; false when the
     * watch gave the loop to another thread meanwhile. A method rather than the body of {@link #run()}'s
     * loop so that the JIT compiles it after a few thousand passes like any method: a loop body waits for
     * on-stack replacement, which under load came only after 10 s and more, and when that code was
     * deoptimized the loop ran in the interpreter again until the next one (1.7 % of the CPU of a
     * compressed echo server was spent in the interpreter, in a profile of the measured window).
     */
    private boolean pass() {
        try {
            if (tasks.isEmpty() && afterPass.isEmpty()) {
                selector.select(this::dispatch);
            } else {
                selector.selectNow(this::dispatch);
            }
            wakeupPending.set(false);
            runTasks();
            return runPassRuns();
        } catch (IOException | RuntimeException e) {
            log.warn("WebSocket socket loop " + name + " failed; it goes on", e);
            return true;
        }
    }

    private void dispatch(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        try {
            ((Ready) key.attachment()).ready(key.readyOps());
        } catch (RuntimeException e) {
            log.warn("A WebSocket socket failed on " + name, e);
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("A WebSocket socket task failed on " + name, e);
            }
        }
    }

    /**
     * Runs the handler runs the pass started, then the tasks they queued; false when the watch took
     * the loop away during one (this thread must then leave the loop's state alone). Owner only.
     */
    private boolean runPassRuns() {
        Runnable run;
        while ((run = afterPass.poll()) != null) {
            LoopFirstExecutor from = afterPassFrom.poll();
            runningFrom = from;
            long started = runState + 1;
            runState = started;
            long startNanos = System.nanoTime();
            try {
                run.run();
            } catch (RuntimeException e) {
                log.warn("A WebSocket handler run failed on " + name, e);
            }
            if (!RUN_STATE.compareAndSet(this, started, started + 1)) {
                return false;
            }
            from.ranFor(System.nanoTime() - startNanos);
        }
        runTasks();
        return true;
    }

    /**
     * One look of the {@link LoopWatch}: a handler run seen in progress at the previous look too has
     * held this thread for at least one tick. If the thread waits (parked, sleeping, waiting for a
     * lock) the run blocks, and the loop goes to a new thread now (as when an {@code Error} from a
     * handler has ended the thread). If it is runnable it may just be
     * descheduled (on a busy machine a loop thread waits for a core for some milliseconds now and
     * then), or computing, or in a blocking system call, which Java reports as runnable too: the loop
     * goes to a new thread after {@value #RUNNABLE_LOOKS} looks. Watch thread only.
     */
    void watchTick() {
        if (handingOver) {
            watchedState = -1;
            return;
        }
        long state = runState;
        if ((state & 1) == 0 || state != watchedState) {
            watchedState = state;
            watchedLooks = 1;
            return;
        }
        watchedLooks++;
        Thread.State thread = owner.getState();
        // TERMINATED: an Error thrown by a handler ended the thread inside its run.
        boolean waits = thread == Thread.State.WAITING || thread == Thread.State.TIMED_WAITING
                || thread == Thread.State.BLOCKED || thread == Thread.State.TERMINATED;
        if ((waits || watchedLooks >= RUNNABLE_LOOKS) && takeFromBlockedRun(state)) {
            watchedState = -1;
        }
    }

    private boolean takeFromBlockedRun(long blockedState) {
        if (!RUN_STATE.compareAndSet(this, blockedState, blockedState + 2)) {
            return false; // the run ended just now
        }
        Thread blocked = owner;
        long heldMillis = (watchedLooks - 1) * LoopWatch.TICK_MILLIS;
        if (log.isDebugEnabled()) {
            log.debug("A handler run held socket thread " + name + " for more than " + heldMillis + " ms ("
                    + blocked.getState() + "): a new thread serves the loop; the old one ends when the run does");
        }
        try {
            // Before the new thread starts, so that a thread dump never shows two with the loop's name.
            blocked.setName(name + "-released");
        } catch (SecurityException ignored) {
            // only the name in thread dumps
        }
        runningFrom.caughtBlocking(heldMillis);
        Thread next = newThread();
        handingOver = true;
        owner = next;
        next.start();
        return true;
    }

    /** Stops the loop and waits (briefly) for its thread; sockets still registered are not closed here. */
    void stop() {
        running = false;
        selector.wakeup();
        Thread thread = owner;
        if (Thread.currentThread() != thread) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
