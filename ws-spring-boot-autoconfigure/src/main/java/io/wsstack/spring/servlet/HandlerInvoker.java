package io.wsstack.spring.servlet;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsObserver;
import io.wsstack.spring.WsSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Runs one endpoint handler method for a session, times it for the observers, and turns a failure
 * into a close: the exception's own code when it is a {@link WebSocketProtocolException} (a handler
 * may reject a message with 1007 or 1008 that way), 1011 otherwise, then {@code onError}. A
 * failing handler therefore never leaves a connection stuck.
 *
 * <p>It also keeps the promise that calls for one session never overlap. The read thread waits for
 * its turn ({@link #invoke}); other threads that end a session (the timer thread on a close
 * timeout, a writer that failed) hand their call over ({@link #invokeOrDefer}) to whichever thread
 * is running a handler, so a timer thread never waits for application code.
 */
final class HandlerInvoker {

    private static final Log log = LogFactory.getLog(HandlerInvoker.class);

    /** A handler method call. */
    @FunctionalInterface
    interface Call {
        void run(WsEndpointHandler handler) throws Exception;
    }

    /** How the invoker closes a session after a handler failure. */
    @FunctionalInterface
    interface Closer {
        void close(int code, String reason);
    }

    private final ReentrantLock turn = new ReentrantLock();
    private final Queue<Runnable> deferred = new ConcurrentLinkedQueue<>();
    private final WsEndpointHandler handler;
    private final String endpoint;
    private final WsObserver observer;
    private final LongSupplier nanoClock;

    HandlerInvoker(WsEndpointHandler handler, String endpoint, WsObserver observer, LongSupplier nanoClock) {
        this.handler = handler;
        this.endpoint = endpoint;
        this.observer = observer;
        this.nanoClock = nanoClock;
    }

    /** Runs {@code call} once no other call of this session runs; on failure closes through {@code closer} and reports {@code onError}. */
    void invoke(WsSession session, Call call, Closer closer) {
        turn.lock();
        try {
            run(session, call, closer);
        } finally {
            turn.unlock();
        }
        runDeferred();
    }

    /**
     * Runs {@code call} now if no call of this session is running, else hands it to the thread that
     * runs one, which performs it right after; never waits.
     */
    void invokeOrDefer(WsSession session, Call call, Closer closer, Runnable after) {
        deferred.add(() -> {
            run(session, call, closer);
            after.run();
        });
        runDeferred();
    }

    private void runDeferred() {
        // A thread inside a handler (a nested close) leaves the work to its own invoke(), which drains on exit.
        while (!deferred.isEmpty() && !turn.isHeldByCurrentThread() && turn.tryLock()) {
            try {
                Runnable task;
                while ((task = deferred.poll()) != null) {
                    task.run();
                }
            } finally {
                turn.unlock();
            }
        }
    }

    private void run(WsSession session, Call call, Closer closer) {
        long start = nanoClock.getAsLong();
        Throwable failure = null;
        try {
            call.run(handler);
        } catch (Throwable t) {
            failure = t;
        }
        observer.handlerInvoked(endpoint, nanoClock.getAsLong() - start, failure != null);
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
