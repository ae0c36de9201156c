package io.wsstack.spring.cluster;

import io.wsstack.spring.WsSessionRegistryTest.FakeSession;
import io.wsstack.spring.transport.FrameSharing;
import io.wsstack.spring.transport.LiveSessions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Membership as sessions open and close, in particular the targets of single session ids, which
 * are answered from the registry rather than kept (every open session has one, so their footprint
 * counts).
 */
class LocalMembersTest {

    /** Records the routing calls in order. */
    private static final class Recorded implements LocalMembers.Routing {
        final List<String> calls = new ArrayList<>();

        @Override
        public void firstMember(WsClusterTarget target) {
            calls.add("first " + target);
        }

        @Override
        public void lastMemberLeft(WsClusterTarget target) {
            calls.add("last " + target);
        }

        @Override
        public void countChanged(WsClusterTarget target, int count) {
            calls.add("count " + target + "=" + count);
        }
    }

    private final LiveSessions live = new LiveSessions();
    private final LocalMembers members = new LocalMembers(live);
    private final Recorded routing = new Recorded();

    @Test
    @DisplayName("a session's own target has exactly that session while it is open, and is routed once in and once out")
    void sessionTargetFollowsTheSession() {
        members.route(routing);
        FakeSession a = new FakeSession("a", "chat", FrameSharing.PLAIN);
        FakeSession b = new FakeSession("b", "chat", FrameSharing.PLAIN);
        live.add(a);
        live.add(b);

        assertThat(members.members(WsClusterTarget.session("a"))).containsExactly(a);
        assertThat(members.count(WsClusterTarget.session("b"))).isEqualTo(1);
        assertThat(members.count(WsClusterTarget.endpoint("chat"))).isEqualTo(2);
        assertThat(members.counts()).as("session ids are left out of the counts")
                .containsOnlyKeys(WsClusterTarget.endpoint("chat"));

        live.remove(a);
        assertThat(members.members(WsClusterTarget.session("a"))).isEmpty();
        assertThat(members.members(WsClusterTarget.session("b"))).containsExactly(b);
        assertThat(members.targets()).containsExactlyInAnyOrder(WsClusterTarget.endpoint("chat"), WsClusterTarget.session("b"));
        assertThat(routing.calls).containsExactly(
                "first " + WsClusterTarget.endpoint("chat"), "count " + WsClusterTarget.endpoint("chat") + "=1",
                "first " + WsClusterTarget.session("a"),
                "count " + WsClusterTarget.endpoint("chat") + "=2",
                "first " + WsClusterTarget.session("b"),
                "count " + WsClusterTarget.endpoint("chat") + "=1",
                "last " + WsClusterTarget.session("a"));
    }

    @Test
    @DisplayName("routing set up after sessions opened hears of each session's own target, and of its endpoint with its count")
    void routeReplaysOpenSessions() {
        FakeSession a = new FakeSession("a", "chat", FrameSharing.PLAIN);
        FakeSession b = new FakeSession("b", "chat", FrameSharing.PLAIN);
        live.add(a);
        live.add(b);
        members.route(routing);

        assertThat(routing.calls).containsExactlyInAnyOrder(
                "first " + WsClusterTarget.endpoint("chat"), "count " + WsClusterTarget.endpoint("chat") + "=2",
                "first " + WsClusterTarget.session("a"), "first " + WsClusterTarget.session("b"));
        live.remove(b);
        assertThat(routing.calls).endsWith("last " + WsClusterTarget.session("b"));
        assertThat(members.targets()).containsExactlyInAnyOrder(WsClusterTarget.endpoint("chat"), WsClusterTarget.session("a"));
    }

    @Test
    @DisplayName("removing a session that is not the member of its id's target changes nothing there")
    void strangerDoesNotRemoveTheMember() {
        FakeSession a = new FakeSession("a", "chat", FrameSharing.PLAIN);
        live.add(a);
        members.route(routing);
        routing.calls.clear();

        members.sessionRemoved(new FakeSession("a", "chat", FrameSharing.PLAIN));

        assertThat(members.members(WsClusterTarget.session("a"))).containsExactly(a);
        assertThat(routing.calls).doesNotContain("last " + WsClusterTarget.session("a"));
    }

    @Test
    @DisplayName("a session re-added under its id after it left is routed as a first member again")
    void sessionTargetCanComeBack() {
        members.route(routing);
        FakeSession a = new FakeSession("a", "chat", FrameSharing.PLAIN);
        live.add(a);
        live.remove(a);
        live.add(a);

        assertThat(members.members(WsClusterTarget.session("a"))).containsExactly(a);
        assertThat(routing.calls.stream().filter(c -> c.equals("first " + WsClusterTarget.session("a")))).hasSize(2);
    }
}
