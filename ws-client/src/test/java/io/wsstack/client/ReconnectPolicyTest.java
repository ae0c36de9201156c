package io.wsstack.client;

import io.wsstack.core.WsCloseStatus;
import io.wsstack.core.handshake.HandshakeFailedException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The policy's arithmetic and default verdicts, with its randomness and clock fixed. */
class ReconnectPolicyTest {

    @Test
    @DisplayName("full jitter: the delay is the random fraction of initial × multiplier^(n-1), capped at maxDelay")
    void backoffGrowsAndIsCapped() {
        ReconnectPolicy upper = ReconnectPolicy.builder().initialDelay(Duration.ofMillis(100))
                .maxDelay(Duration.ofSeconds(1)).random(() -> 0.999_999).build();
        assertThat(upper.delayBefore(1)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
        assertThat(upper.delayBefore(2)).isBetween(Duration.ofMillis(199), Duration.ofMillis(200));
        assertThat(upper.delayBefore(4)).isBetween(Duration.ofMillis(799), Duration.ofMillis(800));
        assertThat(upper.delayBefore(5)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
        assertThat(upper.delayBefore(60)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));

        ReconnectPolicy half = ReconnectPolicy.builder().initialDelay(Duration.ofMillis(100))
                .maxDelay(Duration.ofSeconds(1)).random(() -> 0.5).build();
        assertThat(half.delayBefore(3)).isEqualTo(Duration.ofMillis(200));

        ReconnectPolicy zero = ReconnectPolicy.builder().random(() -> 0).build();
        assertThat(zero.delayBefore(7)).isZero();
    }

    @Test
    @DisplayName("maxAttempts counts failed attempts since the loss; maxElapsed counts time since the loss")
    void limits() {
        Disconnect lost = Disconnect.closed(new WsCloseStatus(1006, "reset"));
        ReconnectPolicy attempts = ReconnectPolicy.builder().maxAttempts(3).build();
        assertThat(attempts.shouldRetry(lost, 0, Duration.ZERO)).isTrue();
        assertThat(attempts.shouldRetry(lost, 2, Duration.ZERO)).isTrue();
        assertThat(attempts.shouldRetry(lost, 3, Duration.ZERO)).isFalse();

        ReconnectPolicy elapsed = ReconnectPolicy.builder().maxElapsed(Duration.ofMinutes(1)).build();
        assertThat(elapsed.shouldRetry(lost, 100, Duration.ofSeconds(59))).isTrue();
        assertThat(elapsed.shouldRetry(lost, 1, Duration.ofMinutes(1))).isFalse();

        assertThat(ReconnectPolicy.defaults().shouldRetry(lost, 10_000, Duration.ofDays(3))).isTrue();
    }

    @ParameterizedTest(name = "close code {0} is retried")
    @ValueSource(ints = {1001, 1006, 1011, 1012, 1013, 1014})
    @DisplayName("RFC 6455 §7.4.1: going away, abnormal closure, internal error, restart, try again later are retried")
    void transientCloseCodesRetried(int code) {
        assertThat(Disconnect.closed(new WsCloseStatus(code, "")).retriedByDefault()).isTrue();
    }

    @ParameterizedTest(name = "close code {0} is not retried")
    @ValueSource(ints = {1000, 1002, 1003, 1007, 1008, 1009, 1010, 4000})
    @DisplayName("RFC 6455 §7.4.1: normal closure, policy violation (1008) and protocol errors are not retried")
    void finalCloseCodesNotRetried(int code) {
        assertThat(Disconnect.closed(new WsCloseStatus(code, "")).retriedByDefault()).isFalse();
    }

    @ParameterizedTest(name = "upgrade answered {0}")
    @ValueSource(ints = {500, 502, 503, 504})
    @DisplayName("RFC 6455 §4.1: a 5xx answer to the upgrade is retried")
    void serverErrorsRetried(int status) {
        assertThat(Disconnect.failed(refused(status)).retriedByDefault()).isTrue();
        assertThat(Disconnect.failed(new ProxyRefusedException(status)).retriedByDefault()).isTrue();
    }

    @ParameterizedTest(name = "upgrade answered {0}")
    @ValueSource(ints = {400, 401, 403, 404, 407, 429, 302})
    @DisplayName("RFC 6455 §4.1: 4xx (and unfollowed 3xx) answers are not retried: the same request gets the same answer")
    void clientErrorsNotRetried(int status) {
        assertThat(Disconnect.failed(refused(status)).retriedByDefault()).isFalse();
        assertThat(Disconnect.failed(refused(status)).handshakeStatus()).isEqualTo(status);
    }

    @Test
    @DisplayName("network failures while connecting are retried; a broken 101 is not")
    void networkFailuresRetried() {
        assertThat(Disconnect.failed(new ConnectException("refused")).retriedByDefault()).isTrue();
        assertThat(Disconnect.failed(new SocketTimeoutException("slow")).retriedByDefault()).isTrue();
        assertThat(Disconnect.failed(new HandshakeFailedException(HandshakeFailedException.Reason.BAD_ACCEPT, 101,
                "bad accept")).retriedByDefault()).isFalse();
    }

    @Test
    @DisplayName("the application can extend the verdict, e.g. retry 1008")
    void applicationDecides() {
        ReconnectPolicy policy = ReconnectPolicy.builder()
                .retryIf(d -> d.retriedByDefault() || d.closeCode() == 1008).build();
        assertThat(policy.shouldRetry(Disconnect.closed(new WsCloseStatus(1008, "")), 0, Duration.ZERO)).isTrue();
        assertThat(policy.shouldRetry(Disconnect.failed(refused(403)), 0, Duration.ZERO)).isFalse();
    }

    @Test
    @DisplayName("builder rejects nonsense at once")
    void validation() {
        assertThatThrownBy(() -> ReconnectPolicy.builder().initialDelay(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReconnectPolicy.builder().multiplier(0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReconnectPolicy.builder().maxAttempts(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReconnectPolicy.builder().initialDelay(Duration.ofSeconds(5)).maxDelay(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter");
        assertThatThrownBy(() -> ReconnectPolicy.defaults().delayBefore(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static HandshakeFailedException refused(int status) {
        return new HandshakeFailedException(HandshakeFailedException.Reason.NOT_101, status, "answered " + status);
    }
}
