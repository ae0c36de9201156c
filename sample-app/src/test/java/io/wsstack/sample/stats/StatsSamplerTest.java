package io.wsstack.sample.stats;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wsstack.autoconfigure.metrics.MicrometerWsObserver;
import io.wsstack.spring.WsObserver.MessageType;
import io.wsstack.spring.WsObserver.RefusalReason;
import io.wsstack.spring.WsObserver.SlowConsumerAction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Server panel's numbers, computed from the same meters the application publishes. */
class StatsSamplerTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerWsObserver observer = new MicrometerWsObserver(registry, List.of("chat", "echo"));

    @Test
    @DisplayName("Rates are the change since the previous sample divided by the time that passed")
    void ratesPerSecond() {
        StatsSampler sampler = new StatsSampler(registry, Map.of("echo", "/echo"), 0);
        observer.sessionOpened("echo", true);
        observer.sessionOpened("echo", false);
        for (int i = 0; i < 10; i++) {
            observer.messageReceived("echo", MessageType.TEXT, 1000, 100);
            observer.messageSent("echo", MessageType.BINARY, 1000, 250);
        }
        observer.handlerInvoked("echo", 3_000, false);
        observer.handlerInvoked("echo", 5_000, true);

        EndpointStats echo = sampler.sample(2 * SECOND, 42).endpoints().get(0);

        assertThat(echo.name()).isEqualTo("echo");
        assertThat(echo.path()).isEqualTo("/echo");
        assertThat(echo.sessions()).isEqualTo(2);
        assertThat(echo.messagesIn()).isCloseTo(5, within(1e-9));
        assertThat(echo.messagesOut()).isCloseTo(5, within(1e-9));
        assertThat(echo.payloadIn()).isCloseTo(5000, within(1e-9));
        assertThat(echo.wireIn()).isCloseTo(500, within(1e-9));
        assertThat(echo.wireOut()).isCloseTo(1250, within(1e-9));
        assertThat(echo.payloadTotal() / echo.wireTotal()).isCloseTo(20_000.0 / 3_500, within(1e-9));
        assertThat(echo.handlerMeanMicros()).isCloseTo(4, within(1e-9));

        EndpointStats idle = sampler.sample(3 * SECOND, 43).endpoints().get(0);
        assertThat(idle.messagesIn()).isZero();
        assertThat(idle.handlerMeanMicros()).isZero();
        assertThat(idle.sessions()).isEqualTo(2);
    }

    @Test
    @DisplayName("Recent closes cover the last 60 samples; the totals keep everything")
    void recentCloseCodes() {
        StatsSampler sampler = new StatsSampler(registry, Map.of("chat", "/chat/{room}"), 0);
        observer.sessionOpened("chat", true);
        observer.sessionOpened("chat", true);
        observer.sessionOpened("chat", true);
        observer.sessionClosed("chat", 1000);
        observer.sessionClosed("chat", 4001);
        sampler.sample(SECOND, 1);
        observer.sessionClosed("chat", 4002);

        EndpointStats chat = sampler.sample(2 * SECOND, 2).endpoints().get(0);
        assertThat(chat.sessions()).isZero();
        assertThat(chat.recentCloses()).isEqualTo(Map.of("1000", 1L, "4xxx", 2L));

        for (int i = 3; i <= StatsSampler.RECENT_SAMPLES + 1; i++) {
            chat = sampler.sample(i * SECOND, i).endpoints().get(0);
        }
        assertThat(chat.recentCloses()).as("the first sample's closes left the window").isEqualTo(Map.of("4xxx", 1L));
        chat = sampler.sample((StatsSampler.RECENT_SAMPLES + 2) * SECOND, 0).endpoints().get(0);
        assertThat(chat.recentCloses()).isEmpty();
        assertThat(chat.closes()).isEqualTo(Map.of("1000", 1L, "4xxx", 2L));
    }

    @Test
    @DisplayName("Refused handshakes and slow consumers are totals per endpoint")
    void refusedAndSlow() {
        StatsSampler sampler = new StatsSampler(registry, Map.of("chat", "/chat/{room}", "echo", "/echo"), 0);
        observer.handshakeRefused("chat", RefusalReason.ORIGIN, 403);
        observer.handshakeRefused("chat", RefusalReason.VERSION, 426);
        observer.slowConsumer("echo", SlowConsumerAction.CLOSED);

        ServerStats stats = sampler.sample(SECOND, 7);

        assertThat(stats.at()).isEqualTo(7);
        EndpointStats chat = stats.endpoints().stream().filter(e -> e.name().equals("chat")).findFirst().orElseThrow();
        EndpointStats echo = stats.endpoints().stream().filter(e -> e.name().equals("echo")).findFirst().orElseThrow();
        assertThat(chat.refused()).isEqualTo(2);
        assertThat(chat.slowConsumers()).isZero();
        assertThat(echo.slowConsumers()).isEqualTo(1);
    }
}
