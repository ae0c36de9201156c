package io.wsstack.spring.servlet;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsObserver;
import io.wsstack.spring.WsSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Runs one endpoint handler method for a session, times it for the observers, and turns a failure
 * into a close: the exception's own code when it is a {@link WebSocketProtocolException} (a handler
 * may reject a message with 1007 or 1008 that way), 1011 otherwise, then {@code onError}. A
 * failing handler therefore never leaves a connection stuck.
 *
 * <p>Events are named by a constant and their argument passed as is, so a message costs no
 * lambda; the call is timed from a clock reading the caller passes in, so it costs one more.
 *
 * <p>It also keeps the promise that calls for one session never overlap. The read thread waits for
 * its turn ({@link #invoke}); other threads that end a session (the timer thread on a close
 * timeout, a writer that failed) hand their call over ({@link #invokeOrDefer}) to whichever thread
 * is running a handler, so a timer thread never waits for application code.
 */
final class HandlerInvoker {

    private static final Log log = LogFactory.getLog(HandlerInvoker.class);

    /** Events for {@link #invoke}: {@code onOpen} (no argument). */
    static final int OPEN = 0;
    /** {@code onText}, the argument a {@code String}. */
    static final int TEXT = 1;
    /** {@code onBinary}, the argument a {@code ByteBuffer}. */
    static final int BINARY = 2;
    /** {@code onPong}, the argument a {@code ByteBuffer}. */
    static final int PONG = 3;
    /** {@code onClose}, the argument a {@code CloseStatus}. */
    static final int CLOSE = 4;

    /** How the invoker closes a session after a handler failure. */
    @FunctionalInterface
    interface Closer {
        void close(int code, String reason);
    }

    private static final VarHandle DEFERRED;
    private static final VarHandle TURN;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            DEFERRED = lookup.findVarHandle(HandlerInvoker.class, "deferred", Queue.class);
            TURN = lookup.findVarHandle(HandlerInvoker.class, "turn", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** How long a thread waiting for its turn parks between looks, at most (see {@link #takeTurn()}). */
    private static final long MAX_TURN_PARK_NANOS = 1_000_000;

    /**
     * The thread whose handler call runs now, or {@code null}: the turn, a field rather than a
     * {@code ReentrantLock} (48 bytes per session). Not a monitor either: a handler may block (a
     * database call) while holding its turn, and a virtual thread blocked inside {@code synchronized}
     * pins its carrier on Java 21.
     */
    private volatile Thread turn;
    /**
     * Calls handed over by other threads; created by the first hand-over (a session's end, mostly),
     * so that a live session holds no queue. Set once, by compare-and-set.
     */
    private volatile Queue<Runnable> deferred;
    /**
     * {@code onClose} has run: no other call may follow it. Read and written only by the turn's
     * owner (the turn's volatile hand-over publishes it). A reader that checked "session not
     * finished" just before a timer thread ended the session would otherwise call {@code onText}
     * after {@code onClose}.
     */
    private boolean closeRun;
    private final WsEndpointHandler handler;
    private final String endpoint;
    private final WsObserver.EndpointObserver meters;
    private final LongSupplier nanoClock;

    HandlerInvoker(WsEndpointHandler handler, String endpoint, WsObserver.EndpointObserver meters, LongSupplier nanoClock) {
        this.handler = handler;
        this.endpoint = endpoint;
        this.meters = meters;
        this.nanoClock = nanoClock;
    }

    /**
     * Runs the handler method for {@code event} once no other call of this session runs; on failure
     * closes through {@code closer} and reports {@code onError}.
     */
    void invoke(WsSession session, int event, Object argument, Closer closer) {
        invokeTimed(session, event, argument, closer, nanoClock.getAsLong(), null);
    }

    /**
     * As {@link #invoke}, timing the call from {@code startNanos} (a clock reading the caller
     * already has, so that a message costs one clock read); returns the clock at the call's end.
     * When {@code batch} is given, a call that returns normally is summed there (the caller hands
     * the sums to the meters at the batch's end) instead of reported on its own.
     */
    long invokeTimed(WsSession session, int event, Object argument, Closer closer, long startNanos, MessageTotals batch) {
        long end;
        takeTurn();
        try {
            end = run(session, event, argument, closer, startNanos, batch);
        } finally {
            turn = null;
        }
        Queue<Runnable> handedOver = deferred;
        if (handedOver != null && !handedOver.isEmpty()) {
            runDeferred(handedOver);
        }
        return end;
    }

    /**
     * Runs the handler method for {@code event} now if no call of this session is running, else
     * hands it to the thread that runs one, which performs it right after; never waits.
     */
    void invokeOrDefer(WsSession session, int event, Object argument, Closer closer, Runnable after) {
        Queue<Runnable> handedOver = deferred;
        if (handedOver == null) {
            DEFERRED.compareAndSet(this, null, new ConcurrentLinkedQueue<Runnable>());
            handedOver = deferred;
        }
        handedOver.add(() -> {
            run(session, event, argument, closer, nanoClock.getAsLong(), null);
            after.run();
        });
        runDeferred(handedOver);
    }

    private void runDeferred(Queue<Runnable> deferred) {
        // A thread inside a handler (a nested close) leaves the work to its own invoke(), which drains on exit.
        Thread me = Thread.currentThread();
        while (!deferred.isEmpty() && turn != me && TURN.compareAndSet(this, null, me)) {
            try {
                Runnable task;
                while ((task = deferred.poll()) != null) {
                    task.run();
                }
            } finally {
                turn = null;
            }
        }
    }

    /**
     * Waits until no other call of this session runs, then takes the turn. Only two threads ever
     * meet here: the session's read (or lane) thread and a thread running a handed-over call at the
     * session's end ({@link #invokeOrDefer}), so the wait is rare and short; it parks (a virtual
     * thread unmounts) with a growing pause instead of keeping a queue of waiters per session. A
     * nested call (a handler that closes its own session) never comes here: it is deferred.
     */
    private void takeTurn() {
        Thread me = Thread.currentThread();
        long park = 1_000;
        while (!TURN.compareAndSet(this, null, me)) {
            if (turn == me) {
                throw new IllegalStateException("a handler call of this session is already running on this thread");
            }
            LockSupport.parkNanos(park);
            park = Math.min(MAX_TURN_PARK_NANOS, park * 2);
        }
    }

    private long run(WsSession session, int event, Object argument, Closer closer, long start, MessageTotals batch) {
        if (closeRun) {
            return start; // onClose was the session's last call
        }
        if (event == CLOSE) {
            closeRun = true;
        }
        Throwable failure = null;
        try {
            switch (event) {
                case OPEN -> handler.onOpen(session);
                case TEXT -> handler.onText(session, (String) argument);
                case BINARY -> handler.onBinary(session, (ByteBuffer) argument);
                case PONG -> handler.onPong(session, (ByteBuffer) argument);
                case CLOSE -> handler.onClose(session, (WsCloseStatus) argument);
                default -> throw new IllegalArgumentException("handler event " + event);
            }
        } catch (Throwable t) {
            failure = t;
        }
        long end = nanoClock.getAsLong();
        if (batch != null && failure == null) {
            batch.handled(end - start, end);
        } else {
            meters.handlerInvoked(end - start, failure != null);
        }
        if (failure != null) {
            int code = failure instanceof WebSocketProtocolException wpe && CloseCodes.isValidOnWire(wpe.closeCode())
                    ? wpe.closeCode() : CloseCodes.INTERNAL_ERROR;
            if (log.isDebugEnabled()) {
                log.debug("Handler of endpoint '" + endpoint + "' failed; closing session " + session.id() + " with " + code, failure);
            }
            closer.close(code, "");
            reportError(session, failure);
            if (failure instanceof VirtualMachineError vme) {
                throw vme;
            }
        }
        return end;
    }

    /** Calls {@code onError}, which must not throw; if it does, the second failure is only logged. */
    void reportError(WsSession session, Throwable error) {
        try {
            handler.onError(session, error);
        } catch (RuntimeException e) {
            log.warn("onError of endpoint '" + endpoint + "' threw; ignored", e);
        }
    }
}
