package io.wsstack.spring;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.commons.logging.LogFactory;

/**
 * An optional second interface of a {@link WsEndpointHandler} that takes part in its endpoint's
 * opening handshake. The transport calls it after the protocol checks of RFC 6455 §4.2.1, the
 * origin check and the {@link WsHandshakeInterceptor}s, just before it answers 101: it may refuse
 * the upgrade with an HTTP status, or accept it and choose the subprotocol itself instead of the
 * endpoint's {@code subprotocols} setting. A reverse proxy uses it to open the upstream
 * connection first and answer the client with what the upstream answered.
 *
 * <p>It is the same on every transport: on the servlet containers it runs on the request thread, on
 * Reactor Netty on a thread of Reactor's bounded-elastic scheduler, never on an event loop. A
 * decision that waits on something else (a reverse proxy's connection to its upstream) should not
 * block that thread: return {@link Outcome#deferred} with a stage that completes with the decision,
 * and the transport releases the thread meanwhile (a servlet async request on Tomcat and Jetty)
 * and finishes the handshake when the stage completes. The stage must complete within a bounded
 * time of its own (a connect timeout); a stage that fails is answered 502. Whatever the
 * participant opens must be released if the session never opens, for example by a deadline of its own.
 */
public interface WsHandshakeParticipant {

    /**
     * Decides the upgrade.
     *
     * @param request               the upgrade request (path, headers, query, principal, remote address)
     * @param endpoint              the endpoint it matched
     * @param requestedSubprotocols the client's subprotocols, most preferred first (RFC 6455 §4.1)
     * @param pathVariables         the values of the endpoint's path variables
     * @param attributes            the future session's attributes, mutable
     * @return {@link Outcome#accept(String)} or {@link Outcome#refuse(int, String)}
     */
    Outcome beforeUpgrade(WsHandshakeRequest request, WsEndpoint endpoint, List<String> requestedSubprotocols,
            Map<String, String> pathVariables, Map<String, Object> attributes);

    /**
     * A participant's answer.
     *
     * @param status      0 to accept, otherwise the HTTP status to refuse with (4xx or 5xx)
     * @param reason      a short text for the refusal body and logs
     * @param subprotocol the subprotocol to answer with when accepting, one the client requested, or {@code null}
     * @param decision    for a {@link #deferred} answer, the stage that completes with the final answer;
     *                    otherwise {@code null}
     */
    record Outcome(int status, String reason, String subprotocol, CompletionStage<Outcome> decision) {

        /** Accept the upgrade with this subprotocol ({@code null}: none). */
        public static Outcome accept(String subprotocol) {
            return new Outcome(0, "", subprotocol, null);
        }

        /** Refuse the upgrade with a 4xx or 5xx status; the answer carries {@code Connection: close}. */
        public static Outcome refuse(int status, String reason) {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a refusal needs a 4xx or 5xx status, not " + status);
            }
            return new Outcome(status, reason, null, null);
        }

        /**
         * The answer comes later: {@code decision} completes with {@link #accept} or {@link #refuse}
         * (not with another deferred answer); failing, or completing with {@code null}, refuses 502.
         */
        public static Outcome deferred(CompletionStage<Outcome> decision) {
            return new Outcome(0, "", null, Objects.requireNonNull(decision, "decision"));
        }

        /** Whether the upgrade goes ahead (never true of a {@link #deferred} answer before it is decided). */
        public boolean accepted() {
            return status == 0 && decision == null;
        }

        /** Whether this answer is {@link #deferred}. */
        public boolean isDeferred() {
            return decision != null;
        }

        /**
         * The final answer as every transport gives it: this answer when it is not {@link #deferred},
         * else a stage that completes with the decision once it is there. The stage never fails: a
         * decision that fails, or completes with {@code null} or with another deferred answer, becomes
         * {@link #settle a refusal 502}.
         */
        public CompletionStage<Outcome> settled() {
            return decision == null ? CompletableFuture.completedStage(this) : decision.handle(Outcome::settle);
        }

        /**
         * What a deferred decision that completed with {@code outcome} or with {@code failure} is
         * answered with: {@code outcome} when it accepts or refuses; a refusal 502 when the decision
         * failed (a participant's timeout included), completed with {@code null} or deferred again.
         */
        public static Outcome settle(Outcome outcome, Throwable failure) {
            if (failure != null) {
                LogFactory.getLog(WsHandshakeParticipant.class).debug("WebSocket handshake decision failed", failure);
            } else if (outcome != null && !outcome.isDeferred()) {
                return outcome;
            }
            return refuse(502, "the handshake could not be decided");
        }
    }
}
