package io.wsstack.spring;

import io.wsstack.spring.WsHandshakeParticipant.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Outcome#settled()}: the one place where a deferred handshake decision becomes the answer
 * that the servlet transport and the Reactor Netty transport both give.
 */
class HandshakeOutcomeSettledTest {

    private static Outcome settledNow(Outcome outcome) throws Exception {
        return outcome.settled().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static void assertBadGateway(Outcome outcome) {
        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.isDeferred()).isFalse();
        assertThat(outcome.status()).isEqualTo(502);
        assertThat(outcome.reason()).isEqualTo("the handshake could not be decided");
    }

    @Test
    @DisplayName("an answer given at once is its own final answer")
    void immediateAnswers() throws Exception {
        Outcome accept = Outcome.accept("v1");
        Outcome refuse = Outcome.refuse(409, "busy");
        assertThat(settledNow(accept)).isSameAs(accept);
        assertThat(settledNow(refuse)).isSameAs(refuse);
    }

    @Test
    @DisplayName("a deferred answer settles on the decision once it completes, and not before")
    void deferredWaitsForItsDecision() throws Exception {
        CompletableFuture<Outcome> decision = new CompletableFuture<>();
        CompletableFuture<Outcome> settled = Outcome.deferred(decision).settled().toCompletableFuture();
        assertThat(settled).isNotDone();
        decision.complete(Outcome.refuse(403, "no"));
        assertThat(settled.get(5, TimeUnit.SECONDS).status()).isEqualTo(403);
        assertThat(settledNow(Outcome.deferred(CompletableFuture.completedFuture(Outcome.accept(null)))).accepted())
                .isTrue();
    }

    @Test
    @DisplayName("a decision that fails or times out is refused 502, and the settled stage itself never fails")
    void failedDecisionIs502() throws Exception {
        assertBadGateway(settledNow(Outcome.deferred(CompletableFuture.failedFuture(new IllegalStateException("down")))));
        CompletableFuture<Outcome> never = new CompletableFuture<>();
        assertBadGateway(settledNow(Outcome.deferred(never.orTimeout(10, TimeUnit.MILLISECONDS))));
    }

    @Test
    @DisplayName("a decision that completes with null or with another deferred answer is refused 502")
    void missingOrNestedDecisionIs502() throws Exception {
        assertBadGateway(settledNow(Outcome.deferred(CompletableFuture.completedFuture(null))));
        Outcome nested = Outcome.deferred(new CompletableFuture<>());
        assertBadGateway(settledNow(Outcome.deferred(CompletableFuture.completedFuture(nested))));
    }
}
