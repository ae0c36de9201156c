package io.wsstack.spring.servlet;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that looks after every {@link SocketLoop} of the JVM: each
 * {@value #TICK_MILLIS} ms it lets each loop check whether a handler run has held its thread since
 * the previous look ({@link SocketLoop#watchTick()}); such a loop is handed to a new thread. So a
 * handler that blocks on a socket loop stalls that loop's other sockets for one to two ticks (up to
 * ten while its thread stays runnable, see {@link SocketLoop#watchTick()}).
 *
 * <p>A daemon thread, started with the first loop; it parks without a timeout while no loop exists.
 */
final class LoopWatch implements Runnable {

    /** Between two looks; a blocked run is found after one to two of these. */
    static final long TICK_MILLIS = 5;

    private static final Set<SocketLoop> loops = ConcurrentHashMap.newKeySet();
    private static Thread thread;

    private LoopWatch() {
    }

    static void watch(SocketLoop loop) {
        loops.add(loop);
        synchronized (LoopWatch.class) {
            if (thread == null) {
                thread = new Thread(new LoopWatch(), "ws-tomcat-loop-watch");
                thread.setDaemon(true);
                thread.start();
            } else {
                LockSupport.unpark(thread);
            }
        }
    }

    static void forget(SocketLoop loop) {
        loops.remove(loop);
    }

    @Override
    public void run() {
        while (true) {
            if (loops.isEmpty()) {
                LockSupport.park(this); // a new loop unparks
                continue;
            }
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
            for (SocketLoop loop : loops) {
                loop.watchTick();
            }
        }
    }
}
