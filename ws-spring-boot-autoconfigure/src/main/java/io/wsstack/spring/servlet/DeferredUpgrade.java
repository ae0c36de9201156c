package io.wsstack.spring.servlet;

import io.wsstack.spring.WsHandshakeParticipant.Outcome;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * A handshake whose participant answered {@link Outcome#deferred}: the request goes asynchronous
 * (servlet 6.1 §2.3.3.3), so no container thread waits for the decision; when the decision
 * completes, {@link AsyncContext#dispatch()} sends the request through the filter chain once more
 * as an {@code ASYNC} dispatch, where {@link WsUpgradeFilter} finds this object in a request
 * attribute and answers, upgrading on that dispatch's container thread (Tomcat 11 and Jetty 12.1
 * both complete an upgrade started on an async dispatch; the e2e tests run on both).
 *
 * @param upgrade the handshake to finish
 * @param outcome the decision: accept or refuse, never deferred
 */
record DeferredUpgrade(PendingUpgrade upgrade, Outcome outcome) {

    private static final Log log = LogFactory.getLog(DeferredUpgrade.class);

    /** Request attribute under which the decided handshake waits for its async dispatch. */
    static final String ATTRIBUTE = DeferredUpgrade.class.getName();

    /**
     * Releases the request thread until {@code decision} ({@link Outcome#settled}, so it never fails)
     * completes, then dispatches. A request that
     * cannot go asynchronous (a filter before ours does not support it) waits for the decision on
     * its thread instead, and is finished by the caller.
     *
     * @return {@code null} when the request went asynchronous, else the decision to finish with now
     */
    static Outcome await(HttpServletRequest request, HttpServletResponse response, PendingUpgrade upgrade,
                         CompletionStage<Outcome> decision) {
        if (!request.isAsyncSupported()) {
            log.debug("A filter before the WebSocket upgrade filter does not support async requests: "
                    + "waiting for the handshake decision on the request thread");
            return join(decision);
        }
        AsyncContext async = request.startAsync(request, response);
        // The decision bounds its own wait (a participant's connect and handshake timeouts); the
        // container's async timeout must not answer the request behind our back.
        async.setTimeout(0);
        decision.thenAccept(outcome -> {
            request.setAttribute(ATTRIBUTE, new DeferredUpgrade(upgrade, outcome));
            try {
                async.dispatch();
            } catch (IllegalStateException e) {
                // The client went away and the container completed the request: nothing to answer.
                // Whatever the participant opened is released by its own deadline.
                log.debug("WebSocket handshake decided after the request ended", e);
            }
        });
        return null;
    }

    private static Outcome join(CompletionStage<Outcome> decision) {
        try {
            return decision.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.settle(null, e);
        } catch (ExecutionException e) {
            return Outcome.settle(null, e.getCause());
        }
    }
}
