package io.wsstack.autoconfigure.actuate;

import io.wsstack.autoconfigure.actuate.WsSessionTracker.Activity;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WsSessionTrackerTests {

    private final WsSessionTracker tracker = new WsSessionTracker(List.of("chat", "rooms"));

    @Test
    @DisplayName("counts open sessions, sessions opened and sessions opened with permessage-deflate (RFC 7692)")
    void countsSessions() {
        tracker.sessionOpened("chat", true);
        tracker.sessionOpened("chat", false);
        tracker.sessionOpened("chat", true);
        tracker.sessionClosed("chat", 1000);
        tracker.sessionOpened("rooms", false);

        assertThat(tracker.activity("chat")).isEqualTo(new Activity(2, 3, 2));
        assertThat(tracker.activity("rooms")).isEqualTo(new Activity(1, 1, 0));
        assertThat(tracker.totalActive()).isEqualTo(3);
    }

    @Test
    @DisplayName("RFC 6455 §7.1.5: every close code, 1006 (connection lost) included, ends a session")
    void everyCloseCodeEndsASession() {
        tracker.sessionOpened("chat", false);
        tracker.sessionOpened("chat", false);
        tracker.sessionClosed("chat", 1006);
        tracker.sessionClosed("chat", 1002);

        assertThat(tracker.activity("chat").active()).isZero();
    }

    @Test
    @DisplayName("names outside the configured endpoints are ignored and report no sessions")
    void unknownNamesAreIgnored() {
        tracker.sessionOpened("elsewhere", false);
        tracker.sessionOpened(null, false);
        tracker.sessionClosed(null, 1000);

        assertThat(tracker.activity("elsewhere")).isEqualTo(Activity.NONE);
        assertThat(tracker.activity(null)).isEqualTo(Activity.NONE);
        assertThat(tracker.totalActive()).isZero();
    }
}
