package io.wsstack.spring.servlet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

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
 */
final class SocketLoop implements Runnable {

    private static final Log log = LogFactory.getLog(SocketLoop.class);

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
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** A wake-up was asked for since the loop last woke: others need not ask again. */
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private volatile boolean running = true;

    SocketLoop(String name) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("opening a selector failed", e);
        }
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    Selector selector() {
        return selector;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop thread, soon; from the loop itself it runs after the current key. */
    void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
        if (!running) {
            // Stopped meanwhile: nobody will run it, and tasks are closes and resumes, safe on any thread.
            runTasks();
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                selector.select(this::dispatch);
                wakeupPending.set(false);
                runTasks();
            } catch (IOException | RuntimeException e) {
                log.warn("WebSocket socket loop " + thread.getName() + " failed; it goes on", e);
            }
        }
        runTasks();
        for (SelectionKey key : List.copyOf(selector.keys())) {
            try {
                ((Ready) key.attachment()).loopStopped();
            } catch (RuntimeException e) {
                log.debug("Ending a WebSocket socket at the stop of " + thread.getName() + " failed", e);
            }
        }
        runTasks();
        try {
            selector.close();
        } catch (IOException e) {
            log.debug("Closing the selector of " + thread.getName() + " failed", e);
        }
    }

    private void dispatch(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        try {
            ((Ready) key.attachment()).ready(key.readyOps());
        } catch (RuntimeException e) {
            log.warn("A WebSocket socket failed on " + thread.getName(), e);
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("A WebSocket socket task failed on " + thread.getName(), e);
            }
        }
    }

    /** Stops the loop and waits (briefly) for its thread; sockets still registered are not closed here. */
    void stop() {
        running = false;
        selector.wakeup();
        if (!inLoop()) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
