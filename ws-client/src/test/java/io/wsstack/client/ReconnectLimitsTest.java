package io.wsstack.client;

import io.wsstack.core.WsCloseStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.wsstack.client.RecordingListener.WAIT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A server that is not there at all: the attempt limit, closing while waiting, and the refused sends. */
class ReconnectLimitsTest {

    /** A loopback port with nothing listening: every attempt is refused at once. */
    private static URI nobodyHome() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("ws://127.0.0.1:" + probe.getLocalPort() + "/");
        }
    }

    static final class Decisions implements ReconnectListener {
        final List<Integer> attempts = new CopyOnWriteArrayList<>();
        final List<Disconnect> gaveUp = new CopyOnWriteArrayList<>();

        @Override
        public void onReconnectScheduled(Disconnect cause, int attempt, Duration delay) {
            attempts.add(attempt);
        }

        @Override
        public void onGaveUp(Disconnect cause) {
            gaveUp.add(cause);
        }
    }

    @Test
    @DisplayName("maxAttempts: refused connections are retried, then the policy gives up and says why")
    void givesUpAfterMaxAttempts() throws Exception {
        Decisions decisions = new Decisions();
        ReconnectPolicy policy = ReconnectPolicy.builder().initialDelay(Duration.ofMillis(10))
                .maxDelay(Duration.ofMillis(20)).maxAttempts(3).build();
        try (WsClient client = WsClient.builder().build()) {
            ReconnectingSession session = client.connect(nobodyHome(), WsClientRequest.of(decisions), policy);
            assertThat(session.closeFuture().get(WAIT_SECONDS, TimeUnit.SECONDS).code()).isEqualTo(1006);
            assertThatThrownBy(() -> session.firstOpen().get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ConnectException.class);
            assertThat(decisions.attempts).containsExactly(2, 3);
            assertThat(decisions.gaveUp).singleElement().satisfies(d -> {
                assertThat(d.wasOpen()).isFalse();
                assertThat(d.error()).isInstanceOf(ConnectException.class);
            });
            assertThat(session.connectCount()).isZero();
        }
    }

    @Test
    @DisplayName("close() while waiting for the next attempt ends at once; sends are refused, not kept")
    void closeWhileWaiting() throws Exception {
        Decisions decisions = new Decisions();
        ReconnectPolicy policy = ReconnectPolicy.builder().initialDelay(Duration.ofSeconds(30))
                .maxDelay(Duration.ofSeconds(30)).random(() -> 0.999).build();
        try (WsClient client = WsClient.builder().build()) {
            ReconnectingSession session = client.connect(nobodyHome(), WsClientRequest.of(decisions), policy);
            ReconnectAgainstRestartedServerTest.waitUntil(() -> decisions.attempts.size() == 1, "the first retry to be scheduled");
            assertThatThrownBy(() -> session.sendText("while down").get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("refuses sends while disconnected");
            WsCloseStatus status = session.close(1000, "done").get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(status).isEqualTo(new WsCloseStatus(1000, "done"));
            assertThat(decisions.gaveUp).isEmpty();
        }
    }

    @Test
    @DisplayName("kept sends beyond the bound fail with SendBufferFullException; kept ones fail when the policy gives up")
    void keptSendsBounded() throws Exception {
        // A long enough wait that both sends happen between the two attempts, however busy the machine.
        ReconnectPolicy policy = ReconnectPolicy.builder().initialDelay(Duration.ofSeconds(3))
                .maxDelay(Duration.ofSeconds(3)).random(() -> 0.999).maxAttempts(2).queueWhileDisconnected(10).build();
        try (WsClient client = WsClient.builder().build()) {
            ReconnectingSession session = client.connect(nobodyHome(), WsClientRequest.of(new Decisions()), policy);
            var kept = session.sendText("12345678");
            assertThatThrownBy(() -> session.sendText("345").get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SendBufferFullException.class);
            session.closeFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThatThrownBy(() -> kept.get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ConnectException.class);
        }
    }
}
