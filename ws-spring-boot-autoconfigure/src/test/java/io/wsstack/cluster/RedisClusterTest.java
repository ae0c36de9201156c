package io.wsstack.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.wsstack.autoconfigure.cluster.MicrometerWsClusterObserver;
import io.wsstack.autoconfigure.actuate.WsActuatorEndpoint;
import io.wsstack.spring.cluster.WsCluster;
import io.wsstack.spring.cluster.WsClusterState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import io.wsstack.spring.cluster.WsClusterHistoryEntry;
import io.wsstack.spring.cluster.WsClusterSend;
import io.wsstack.spring.cluster.WsClusterTarget;
import io.wsstack.spring.cluster.redis.RedisWsCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of an application joined through a real redis-server: every kind of send crosses
 * from one instance to the other, counts cover both, channels exist only where there are members,
 * one publisher's messages keep their order, and a group's history is readable from any instance.
 */
class RedisClusterTest {

    private static RedisServer redis;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void startCluster() throws Exception {
        redis = RedisServer.start();
        a = ClusterTestApplication.start(redis.springArgs());
        b = ClusterTestApplication.start(redis.springArgs());
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster(a).state().connected() && cluster(b).state().connected());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        redis.close();
    }

    private static WsCluster cluster(ConfigurableApplicationContext instance) {
        return instance.getBean(WsCluster.class);
    }

    private static <T> T get(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(5, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("the WsCluster bean is the Redis one, joined through spring.data.redis.*")
    void redisClusterBean() {
        assertThat(cluster(a)).isInstanceOf(RedisWsCluster.class);
        assertThat(cluster(a).instanceId()).isNotEqualTo(cluster(b).instanceId());
    }

    @Test
    @DisplayName("a broadcast to an endpoint on instance A reaches the endpoint's sessions on A and B")
    void endpointBroadcastCrossesInstances() throws Exception {
        try (ClusterClient onA = ClusterClient.connect(a, null, redis); ClusterClient onB = ClusterClient.connect(b, null, redis)) {
            WsClusterSend sent = get(cluster(a).send(WsClusterTarget.endpoint("room"), "to everyone"));

            assertThat(onA.next()).isEqualTo("to everyone");
            assertThat(onB.next()).isEqualTo("to everyone");
            assertThat(sent.localRecipients()).isEqualTo(1);
            assertThat(sent.otherInstances()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a group send reaches the group's members on both instances and nobody else")
    void groupSendReachesMembersOnly() throws Exception {
        try (ClusterClient memberA = ClusterClient.connect(a, null, redis).join("g-members");
                ClusterClient memberB = ClusterClient.connect(b, null, redis).join("g-members");
                ClusterClient outsiderB = ClusterClient.connect(b, null, redis)) {
            get(cluster(b).send(WsClusterTarget.group("g-members"), "members only"));
            get(cluster(a).send(WsClusterTarget.session(outsiderB.sessionId()), "marker"));

            assertThat(memberA.next()).isEqualTo("members only");
            assertThat(memberB.next()).isEqualTo("members only");
            // The outsider's next message is the marker sent after the group message: it never got the latter.
            assertThat(outsiderB.next()).isEqualTo("marker");
        }
    }

    @Test
    @DisplayName("a binary group send crosses instances byte for byte")
    void binaryGroupSend() throws Exception {
        try (ClusterClient memberB = ClusterClient.connect(b, null, redis).join("g-binary")) {
            byte[] data = { 0, 1, 2, (byte) 0xFF, 42 };
            get(cluster(a).send(WsClusterTarget.group("g-binary"), ByteBuffer.wrap(data)));

            assertThat(memberB.poll(10_000)).isEqualTo(data);
        }
    }

    @Test
    @DisplayName("sends to a user and to a session id reach them on the other instance; presence knows them")
    void userAndSessionSends() throws Exception {
        try (ClusterClient ada = ClusterClient.connect(b, "ada", redis); ClusterClient adaAgain = ClusterClient.connect(a, "ada", redis)) {
            get(cluster(a).send(WsClusterTarget.user("ada"), "hello ada"));
            assertThat(ada.next()).isEqualTo("hello ada");
            assertThat(adaAgain.next()).isEqualTo("hello ada");

            WsClusterSend toSession = get(cluster(a).send(WsClusterTarget.session(ada.sessionId()), "just this tab"));
            assertThat(ada.next()).isEqualTo("just this tab");
            assertThat(toSession.localRecipients()).isZero();
            assertThat(toSession.otherInstances()).isEqualTo(1);
            assertThat(adaAgain.poll(300)).as("the other session of the same user").isNull();

            assertThat(get(cluster(a).count(WsClusterTarget.user("ada")))).isEqualTo(2);
            assertThat(get(cluster(a).isUserConnected("ada"))).isTrue();
            assertThat(get(cluster(a).isUserConnected("nobody"))).isFalse();
            assertThat(get(cluster(a).count(WsClusterTarget.session(ada.sessionId())))).isEqualTo(1);
            assertThat(get(cluster(a).count(WsClusterTarget.session("no-such-session")))).isZero();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !get(cluster(a).isUserConnected("ada")));
    }

    @Test
    @DisplayName("cluster-wide counts of a group and an endpoint add up both instances and follow leaves and closes")
    void presenceCounts() throws Exception {
        long endpointBefore = get(cluster(a).count(WsClusterTarget.endpoint("room")));
        ClusterClient one = ClusterClient.connect(a, null, redis).join("g-count");
        ClusterClient two = ClusterClient.connect(a, null, redis).join("g-count");
        ClusterClient three = ClusterClient.connect(b, null, redis).join("g-count");
        try {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(get(cluster(a).count(WsClusterTarget.group("g-count")))).isEqualTo(3);
                assertThat(get(cluster(b).count(WsClusterTarget.group("g-count")))).isEqualTo(3);
                assertThat(get(cluster(b).count(WsClusterTarget.endpoint("room")))).isEqualTo(endpointBefore + 3);
            });
            three.leave("g-count");
            two.close();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(
                    () -> assertThat(get(cluster(b).count(WsClusterTarget.group("g-count")))).isEqualTo(1));
        }
        finally {
            one.close();
            three.close();
        }
    }

    @Test
    @DisplayName("an instance subscribes to a group's channel on its first local member and drops it after the last")
    void channelsFollowLocalMembers() throws Exception {
        String channel = "ws:g:g-routing";
        assertThat(redis.subscribers(channel)).isZero();
        ClusterClient first = ClusterClient.connect(a, null, redis).join("g-routing");
        ClusterClient second = ClusterClient.connect(a, null, redis).join("g-routing");
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.subscribers(channel) == 1);

        // B has no member: publishing from A reaches nobody else, and B's inbound count stays put.
        long receivedByB = cluster(b).state().received();
        WsClusterSend sent = get(cluster(a).send(WsClusterTarget.group("g-routing"), "local only"));
        assertThat(sent.otherInstances()).isZero();
        assertThat(sent.localRecipients()).isEqualTo(2);
        Thread.sleep(200);
        assertThat(cluster(b).state().received()).isEqualTo(receivedByB);

        first.close();
        Thread.sleep(200);
        assertThat(redis.subscribers(channel)).as("one member is left").isEqualTo(1);
        second.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.subscribers(channel) == 0);
    }

    @Test
    @DisplayName("messages from one publisher to one group arrive on the other instance in the order sent")
    void perPublisherOrder() throws Exception {
        try (ClusterClient member = ClusterClient.connect(b, null, redis).join("g-order")) {
            long failedBefore = cluster(a).state().failed();
            int count = 200;
            List<java.util.concurrent.CompletableFuture<WsClusterSend>> sends = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                sends.add(cluster(a).send(WsClusterTarget.group("g-order"), Integer.toString(i)));
            }
            for (int i = 0; i < count; i++) {
                assertThat(member.next()).isEqualTo(Integer.toString(i));
            }
            java.util.concurrent.CompletableFuture.allOf(sends.toArray(new java.util.concurrent.CompletableFuture<?>[0]))
                    .get(10, TimeUnit.SECONDS);
            assertThat(cluster(a).state().failed()).isEqualTo(failedBefore);
        }
    }

    @Test
    @DisplayName("a group's history (Redis Streams) keeps the newest messages and reads after an offset from any instance")
    void groupHistory() throws Exception {
        for (int i = 1; i <= 7; i++) {
            get(cluster(a).send(WsClusterTarget.group("g-history"), "line " + i));
        }
        // ws.cluster.history.max-length=5 (approximate trimming may keep more in Redis; reads return the newest)
        List<WsClusterHistoryEntry> recent = get(cluster(b).recentHistory("g-history", 5));
        assertThat(recent).extracting(WsClusterHistoryEntry::asText)
                .containsExactly("line 3", "line 4", "line 5", "line 6", "line 7");
        assertThat(recent).allMatch(WsClusterHistoryEntry::text);

        List<WsClusterHistoryEntry> after = get(cluster(b).history("g-history", recent.get(2).offset(), 10));
        assertThat(after).extracting(WsClusterHistoryEntry::asText).containsExactly("line 6", "line 7");
        assertThat(get(cluster(b).history("g-history", recent.get(4).offset(), 10))).isEmpty();
        assertThat(get(cluster(b).history("g-no-history", null, 10))).isEmpty();
    }

    @Test
    @DisplayName("ws.cluster.* meters count what was published and received, with the delivery lag")
    void meters() throws Exception {
        try (ClusterClient member = ClusterClient.connect(b, null, redis).join("g-meters")) {
            get(cluster(a).send(WsClusterTarget.group("g-meters"), "measured"));
            assertThat(member.next()).isEqualTo("measured");
        }
        MeterRegistry metersA = a.getBean(MeterRegistry.class);
        MeterRegistry metersB = b.getBean(MeterRegistry.class);
        assertThat(metersA.get(MicrometerWsClusterObserver.PUBLISHED).tag("target", "group").counter().count()).isPositive();
        assertThat(metersB.get(MicrometerWsClusterObserver.RECEIVED).tag("target", "group").counter().count()).isPositive();
        assertThat(metersB.get(MicrometerWsClusterObserver.DELIVERY_LAG).tag("target", "group").timer().count()).isPositive();
        assertThat(metersA.get(MicrometerWsClusterObserver.CONNECTED).gauge().value()).isEqualTo(1.0);
    }

    @Test
    @DisplayName("the ws Actuator endpoint shows the cluster's state at ws/cluster, and the wsCluster health is UP")
    void actuatorAndHealth() throws Exception {
        WsClusterState state;
        try (ClusterClient client = ClusterClient.connect(a, null, redis)) {
            state = a.getBean(WsActuatorEndpoint.class).part("cluster");
        }
        assertThat(state).isNotNull();
        assertThat(state.mode()).isEqualTo("redis");
        assertThat(state.instanceId()).isEqualTo(cluster(a).instanceId());
        assertThat(state.connected()).isTrue();
        assertThat(state.subscriptions()).as("the endpoint's and the session's channels").isGreaterThanOrEqualTo(2);
        assertThat(a.getBean(WsActuatorEndpoint.class).part("other")).isNull();

        Health health = a.getBean("wsClusterHealthIndicator", HealthIndicator.class).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("instanceId", cluster(a).instanceId()).containsKeys("published", "failed");
    }

    static String utf8(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer).toString();
    }
}
