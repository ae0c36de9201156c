package io.wsstack.spring.servlet;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsObserver;
import io.wsstack.spring.WsSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.util.function.LongSupplier;

/**
 * Runs one endpoint handler method for a session, times it for the observers, and turns a failure
 * into a close: the exception's own code when it is a {@link WebSocketProtocolException} (a handler
 * may reject a message with 1007 or 1008 that way), 1011 otherwise, then {@code onError}. A
 * failing handler therefore never leaves a connection stuck.
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

    /** Runs {@code call}; on failure closes through {@code closer} and reports {@code onError}. */
    void invoke(WsSession session, Call call, Closer closer) {
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
