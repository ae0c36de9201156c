package io.wsstack.spring.servlet;

import io.wsstack.spring.transport.HandlerDispatcher;
import jakarta.servlet.http.WebConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves upgraded plain-text Tomcat NIO connections on sockets of our own
 * ({@link TomcatSocketTransport}) instead of Tomcat's servlet-upgrade streams: the socket loops,
 * started when the first connection is taken over (at most {@code loopCount}, one per core), the
 * dispatcher that runs handlers off them, and which endpoints run their handlers on the loops
 * instead. One instance per application; {@link #close()} stops the loops and the dispatcher.
 *
 * <p>A connection that cannot be taken over (TLS, Tomcat's NIO2 connector, a Tomcat whose
 * internals differ) stays on the servlet upgrade, exactly as without this class; the first such
 * connection logs why, once.
 */
public final class TomcatSocketTakeover implements AutoCloseable {

    private static final Log log = LogFactory.getLog(TomcatSocketTakeover.class);

    private final HandlerDispatcher dispatcher;
    private final Set<String> eventLoopEndpoints;
    private final Duration inlineHandlerBudget;
    private final SocketLoop[] loops;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean closed;
    private volatile boolean refusalLogged;

    /**
     * @param dispatcher         where handlers run off the loops (closed with this)
     * @param eventLoopEndpoints names of the endpoints whose handlers run on the loops (their
     *                           {@code handler-dispatch} is {@code event-loop})
     * @param loopCount          how many socket loops at most (at least 1)
     * @param inlineHandlerBudget how long the other (worker) endpoints' handler runs may take on a
     *                           socket loop, after its pass, before that endpoint's runs go to the
     *                           dispatcher's threads for a while; zero sends every run there
     */
    public TomcatSocketTakeover(HandlerDispatcher dispatcher, Set<String> eventLoopEndpoints, int loopCount,
            Duration inlineHandlerBudget) {
        this.dispatcher = dispatcher;
        this.eventLoopEndpoints = Set.copyOf(eventLoopEndpoints);
        this.inlineHandlerBudget = inlineHandlerBudget;
        this.loops = new SocketLoop[Math.max(1, loopCount)];
    }

    /** The endpoints whose handlers run on the socket loops ({@code handler-dispatch=event-loop}). */
    public Set<String> eventLoopEndpoints() {
        return eventLoopEndpoints;
    }

    /** A loop count for this machine: one per core, at most four. */
    public static int defaultLoopCount() {
        return Math.min(4, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The transport for {@code connection} on a socket of our own, or {@code null} when it stays
     * on the servlet upgrade. Call in {@code HttpUpgradeHandler.init}, on the container's thread.
     */
    FrameTransport takeOver(WebConnection connection, SessionSetup setup) {
        if (closed) {
            return null;
        }
        if (!TomcatSocketRelease.isTomcat(connection)) {
            // Tomcat on the class path, another container serving (Jetty): its own threads run handlers.
            notTaken(new StringBuilder("the server is not Tomcat"));
            return null;
        }
        StringBuilder refusal = new StringBuilder();
        TomcatSocketAccess.Taken taken = TomcatSocketAccess.take(connection, refusal);
        if (taken == null) {
            notTaken(refusal);
            return null;
        }
        String endpoint = setup.endpoint().name();
        SocketLoop loop = nextLoop();
        if (eventLoopEndpoints.contains(endpoint)) {
            return new TomcatSocketTransport(taken, loop, null);
        }
        LoopFirstExecutor lanes = loop.laneExecutor(endpoint,
                name -> new LoopFirstExecutor(loop, dispatcher.executor(), name, inlineHandlerBudget));
        return new TomcatSocketTransport(taken, loop, lanes);
    }

    /** Says once why connections stay on the servlet upgrade, and that handler-dispatch=event-loop means nothing there. */
    private void notTaken(StringBuilder refusal) {
        if (!refusalLogged) {
            refusalLogged = true;
            log.info("WebSocket connections on this connector use the servlet upgrade: " + refusal
                    + (eventLoopEndpoints.isEmpty() ? "" : "; handlers of " + eventLoopEndpoints
                    + " (handler-dispatch=event-loop) run on the container's threads there"));
        } else if (log.isDebugEnabled()) {
            log.debug("WebSocket connection stays on the servlet upgrade: " + refusal);
        }
    }

    private SocketLoop nextLoop() {
        int index = Math.floorMod(next.getAndIncrement(), loops.length);
        SocketLoop loop = loops[index];
        if (loop == null) {
            synchronized (loops) {
                loop = loops[index];
                if (loop == null) {
                    loop = new SocketLoop("ws-tomcat-loop-" + (index + 1));
                    loops[index] = loop;
                }
            }
        }
        return loop;
    }

    /** How many socket loops run now (for tests). */
    int runningLoops() {
        int count = 0;
        synchronized (loops) {
            for (SocketLoop loop : loops) {
                if (loop != null) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Stops the loops (sockets still open stay in Tomcat's books, which closes them when it stops) and the dispatcher. */
    @Override
    public void close() {
        closed = true;
        synchronized (loops) {
            for (int i = 0; i < loops.length; i++) {
                if (loops[i] != null) {
                    loops[i].stop();
                    loops[i] = null;
                }
            }
        }
        dispatcher.close();
    }
}
