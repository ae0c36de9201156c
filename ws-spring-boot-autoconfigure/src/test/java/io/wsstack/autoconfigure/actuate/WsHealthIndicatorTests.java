package io.wsstack.autoconfigure.actuate;

import io.wsstack.autoconfigure.metrics.TestEndpointRegistries;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WsHealthIndicatorTests {

    private final WsSessionTracker tracker = new WsSessionTracker(List.of("chat", "rooms"));
    private final GenericApplicationContext context = new GenericApplicationContext();
    private final WsHealthIndicator indicator = new WsHealthIndicator(TestEndpointRegistries.chatAndRooms(), tracker,
            context);

    @Test
    @DisplayName("UP with the endpoint count and open sessions per endpoint")
    void upWithCounts() {
        tracker.sessionOpened("chat", false);
        tracker.sessionOpened("chat", true);
        tracker.sessionOpened("rooms", false);
        tracker.sessionClosed("rooms", 1000);

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("endpoints", 2)
                .containsEntry("activeSessions", 2L)
                .containsEntry("activeSessionsByEndpoint", Map.of("chat", 2L, "rooms", 0L));
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: DOWN once the application starts closing (sessions get 1001 going away)")
    void downWhenClosing() {
        tracker.sessionOpened("chat", false);

        indicator.onApplicationEvent(new ContextClosedEvent(context));
        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("reason", "application is shutting down")
                .containsEntry("activeSessions", 1L);
    }

    @Test
    @DisplayName("another context closing (e.g. a separate management context) leaves it UP")
    void otherContextClosingIsIgnored() {
        GenericApplicationContext child = new GenericApplicationContext();
        child.setParent(context);

        indicator.onApplicationEvent(new ContextClosedEvent(child));

        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }
}
