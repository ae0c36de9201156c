package io.wsstack.spring.servlet;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionTimersTest {

    private static final long SECOND = 1_000_000_000L;

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<String> events = new ArrayList<>();
    private final SessionTimers.Target target = new SessionTimers.Target() {
        @Override public void idleTimeoutExpired() { events.add("idle"); }
        @Override public void sendKeepAlivePing() { events.add("ping"); }
        @Override public void keepAliveUnanswered() { events.add("unanswered"); }
        @Override public void closeTimeoutExpired() { events.add("close-timeout"); }
    };

    private SessionTimers timers(Duration idle, Duration ping, Duration close) {
        return new SessionTimers(scheduler, scheduler::nanoTime, idle, ping, close, target);
    }

    @Test
    @DisplayName("Idle timeout: fires once nothing was received for the whole timeout")
    void idleFiresWithoutTraffic() {
        SessionTimers timers = timers(Duration.ofSeconds(10), Duration.ZERO, Duration.ofSeconds(5));
        timers.start();
        scheduler.advance(10 * SECOND - 1);
        assertThat(events).isEmpty();
        scheduler.advance(1);
        assertThat(events).containsExactly("idle");
    }

    @Test
    @DisplayName("Idle timeout: received bytes push the deadline back")
    void trafficDefersIdle() {
        SessionTimers timers = timers(Duration.ofSeconds(10), Duration.ZERO, Duration.ofSeconds(5));
        timers.start();
        scheduler.advance(8 * SECOND);
        timers.received();
        scheduler.advance(8 * SECOND);
        assertThat(events).isEmpty();
        scheduler.advance(2 * SECOND);
        assertThat(events).containsExactly("idle");
    }

    @Test
    @DisplayName("Keep-alive (RFC 6455 §5.5.2): a ping each interval while pongs come back")
    void pingsWhilePongsArrive() {
        SessionTimers timers = timers(Duration.ZERO, Duration.ofSeconds(20), Duration.ofSeconds(5));
        timers.start();
        scheduler.advance(20 * SECOND);
        timers.pongReceived();
        scheduler.advance(20 * SECOND);
        assertThat(events).containsExactly("ping", "ping");
    }

    @Test
    @DisplayName("Keep-alive: a ping unanswered when the next one is due ends the session")
    void unansweredPing() {
        SessionTimers timers = timers(Duration.ZERO, Duration.ofSeconds(20), Duration.ofSeconds(5));
        timers.start();
        scheduler.advance(40 * SECOND);
        assertThat(events).containsExactly("ping", "unanswered");
    }

    @Test
    @DisplayName("RFC 6455 §7.1.1: after our Close, pings stop and the close timeout is armed once")
    void closeTimeout() {
        SessionTimers timers = timers(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(5));
        timers.start();
        timers.closeStarted();
        timers.closeStarted();
        scheduler.advance(5 * SECOND);
        assertThat(events).containsExactly("close-timeout");
    }

    @Test
    @DisplayName("Cancel: nothing fires after the session ended and no task is left behind")
    void cancelStopsEverything() {
        SessionTimers timers = timers(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
        timers.start();
        timers.closeStarted();
        timers.cancel();
        scheduler.advance(10 * SECOND);
        assertThat(events).isEmpty();
        assertThat(scheduler.pending()).isZero();
    }
}
