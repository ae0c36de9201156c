package io.wsstack.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionTimersTest {

    private static final long SECOND = 1_000_000_000L;

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<String> events = new ArrayList<>();
    private final SessionTimers.Target target = new SessionTimers.Target() {
        @Override public void idleTimeoutExpired() { events.add("idle@" + scheduler.nanoTime() / SECOND); }
        @Override public void sendKeepAlivePing() { events.add("ping@" + scheduler.nanoTime() / SECOND); }
        @Override public void keepAliveUnanswered() { events.add("unanswered@" + scheduler.nanoTime() / SECOND); }
        @Override public void closeTimeoutExpired() { events.add("close-timeout@" + scheduler.nanoTime() / SECOND); }
    };

    private SessionTimers timers(Duration idle, Duration ping, Duration pong, Duration close) {
        return new SessionTimers(scheduler, scheduler::nanoTime, idle, ping, pong, close, target);
    }

    @Test
    @DisplayName("Idle timeout: fires once nothing was received for the whole timeout")
    void idleFiresWithoutTraffic() {
        SessionTimers timers = timers(Duration.ofSeconds(10), Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5));
        timers.start();
        scheduler.advance(10 * SECOND - 1);
        assertThat(events).isEmpty();
        scheduler.advance(1);
        assertThat(events).containsExactly("idle@10");
    }

    @Test
    @DisplayName("Idle timeout: received bytes push the deadline back without rescheduling per read")
    void trafficDefersIdle() {
        SessionTimers timers = timers(Duration.ofSeconds(10), Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5));
        timers.start();
        scheduler.advance(8 * SECOND);
        timers.received();
        timers.received();
        assertThat(scheduler.pending()).isEqualTo(1);
        scheduler.advance(8 * SECOND);
        assertThat(events).isEmpty();
        scheduler.advance(2 * SECOND);
        assertThat(events).containsExactly("idle@18");
    }

    @Test
    @DisplayName("Keep-alive (RFC 6455 §5.5.2): a ping each interval while pongs come back")
    void pingsWhilePongsArrive() {
        SessionTimers timers = timers(Duration.ZERO, Duration.ofSeconds(20), Duration.ZERO, Duration.ofSeconds(5));
        timers.start();
        scheduler.advance(20 * SECOND);
        timers.pongReceived();
        scheduler.advance(20 * SECOND);
        timers.pongReceived();
        scheduler.advance(20 * SECOND);
        assertThat(events).containsExactly("ping@20", "ping@40", "ping@60");
    }

    @Test
    @DisplayName("Keep-alive: without a pong timeout, a ping unanswered when the next one is due ends the session")
    void unansweredPing() {
        SessionTimers timers = timers(Duration.ZERO, Duration.ofSeconds(20), Duration.ZERO, Duration.ofSeconds(5));
        timers.start();
        scheduler.advance(60 * SECOND);
        assertThat(events).containsExactly("ping@20", "unanswered@40");
    }

    @Test
    @DisplayName("Pong timeout: a ping unanswered within the pong timeout ends the session, before the next ping is due")
    void pongTimeout() {
        SessionTimers timers = timers(Duration.ZERO, Duration.ofSeconds(20), Duration.ofSeconds(3), Duration.ofSeconds(5));
        timers.start();
        scheduler.advance(20 * SECOND);
        timers.pongReceived();
        scheduler.advance(20 * SECOND);
        scheduler.advance(10 * SECOND);
        assertThat(events).containsExactly("ping@20", "ping@40", "unanswered@43");
    }

    @Test
    @DisplayName("RFC 6455 §7.1.1: after a Close, pings stop and the close timeout is armed once")
    void closeTimeout() {
        SessionTimers timers = timers(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(5));
        timers.start();
        timers.closeStarted();
        timers.closeStarted();
        scheduler.advance(10 * SECOND);
        assertThat(events).containsExactly("close-timeout@5");
    }

    @Test
    @DisplayName("One task per session: idle and keep-alive deadlines share a single scheduled task")
    void oneTaskForAllDeadlines() {
        SessionTimers timers = timers(Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(5));
        timers.start();
        assertThat(scheduler.pending()).isEqualTo(1);
        scheduler.advance(20 * SECOND);
        assertThat(scheduler.pending()).isEqualTo(1);
        timers.received();
        timers.pongReceived();
        scheduler.advance(20 * SECOND);
        assertThat(scheduler.pending()).isEqualTo(1);
        scheduler.advance(40 * SECOND);
        // ping@20 answered; ping@40 unanswered by 45; nothing received after 20, so idle at 50.
        assertThat(events).containsExactly("ping@20", "ping@40", "unanswered@45", "idle@50");
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    @DisplayName("RFC 6455 §7.1.1: a close timeout shorter than the armed idle deadline fires on time")
    void closeTimeoutEarlierThanArmedDeadline() {
        SessionTimers timers = timers(Duration.ofSeconds(60), Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5));
        timers.start();
        scheduler.advance(SECOND);
        timers.closeStarted();
        assertThat(scheduler.pending()).isEqualTo(1);
        scheduler.advance(10 * SECOND);
        assertThat(events).containsExactly("close-timeout@6");
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    @DisplayName("Cancel: nothing fires after the session ended and no task is left behind")
    void cancelStopsEverything() {
        SessionTimers timers = timers(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(1));
        timers.start();
        timers.closeStarted();
        timers.cancel();
        scheduler.advance(10 * SECOND);
        assertThat(events).isEmpty();
        assertThat(scheduler.pending()).isZero();
    }
}
