package io.wsstack.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.wsstack.autoconfigure.cluster.MicrometerWsClusterObserver;
import io.wsstack.spring.cluster.WsCluster;
import io.wsstack.spring.cluster.WsClusterTarget;
import io.wsstack.spring.cluster.WsClusterUnavailableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Redis failing under two running instances: killed and started again on the same port, and
 * stalled ({@code DEBUG SLEEP}) while publishes pile up. Local delivery never stops, cluster
 * publishes fail at once and are counted, and every subscription comes back without a restart.
 */
class RedisOutageClusterTest {

    private static RedisServer redis;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void startCluster() throws Exception {
        redis = RedisServer.start();
        List<String> args = new ArrayList<>(redis.springArgs());
        args.add("--ws.cluster.max-pending-publishes=3");
        a = ClusterTestApplication.start(args);
        b = ClusterTestApplication.start(args);
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

    private static double failedMeter(ConfigurableApplicationContext instance, String reason) {
        return instance.getBean(MeterRegistry.class).get(MicrometerWsClusterObserver.FAILED)
                .tag("target", "group").tag("reason", reason).counter().count();
    }

    @Test
    @DisplayName("Redis killed: local delivery goes on, publishes fail at once and are counted; Redis back: delivery resumes")
    void redisKilledAndRestarted() throws Exception {
        try (ClusterClient memberA = ClusterClient.connect(a, null, redis).join("g-outage");
                ClusterClient memberB = ClusterClient.connect(b, null, redis).join("g-outage")) {
            redis.kill();
            await().atMost(Duration.ofSeconds(10)).until(() -> !cluster(a).state().connected());
            assertThat(a.getBean(MeterRegistry.class).get(MicrometerWsClusterObserver.CONNECTED).gauge().value()).isZero();
            assertThat(a.getBean("wsClusterHealthIndicator", org.springframework.boot.health.contributor.HealthIndicator.class)
                    .health().getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.DOWN);

            long failedBefore = cluster(a).state().failed();
            double meterBefore = failedMeter(a, "unavailable");
            long started = System.nanoTime();
            CompletableFuture<?> whileDown = cluster(a).send(WsClusterTarget.group("g-outage"), "while down");
            assertThatThrownBy(() -> whileDown.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(WsClusterUnavailableException.class)
                    .satisfies(e -> assertThat(((WsClusterUnavailableException) e).localRecipients()).isEqualTo(1));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("fails fast").isLessThan(Duration.ofSeconds(1));
            assertThat(memberA.next()).as("local delivery continues").isEqualTo("while down");
            assertThat(cluster(a).state().failed()).isEqualTo(failedBefore + 1);
            assertThat(failedMeter(a, "unavailable")).isEqualTo(meterBefore + 1);
            assertThat(cluster(a).state().pendingPublishes()).as("nothing is buffered for later").isZero();
            // Counts need Redis: they fail rather than report a local number as the cluster's.
            assertThatThrownBy(() -> cluster(a).count(WsClusterTarget.group("g-outage")).get(5, TimeUnit.SECONDS))
                    .cause().isInstanceOf(WsClusterUnavailableException.class);

            redis.startAgain();
            // An empty Redis: both instances re-subscribe and re-announce their presence on their own.
            await().atMost(Duration.ofSeconds(30)).until(() -> cluster(a).state().connected() && cluster(b).state().connected()
                    && redis.subscribers("ws:g:g-outage") == 2);
            cluster(a).send(WsClusterTarget.group("g-outage"), "from A after restart").get(5, TimeUnit.SECONDS);
            assertThat(memberA.next()).isEqualTo("from A after restart");
            assertThat(memberB.next()).as("the message sent while Redis was down is not replayed")
                    .isEqualTo("from A after restart");
            cluster(b).send(WsClusterTarget.group("g-outage"), "from B after restart").get(5, TimeUnit.SECONDS);
            assertThat(memberA.next()).isEqualTo("from B after restart");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    cluster(a).count(WsClusterTarget.group("g-outage")).get(5, TimeUnit.SECONDS)).isEqualTo(2));
        }
    }

    @Test
    @DisplayName("Redis stalled: beyond max-pending-publishes a publish fails at once instead of queueing")
    void stalledRedisBoundsPendingPublishes() throws Exception {
        try (ClusterClient memberA = ClusterClient.connect(a, null, redis).join("g-stall")) {
            double overloadedBefore = failedMeter(a, "overloaded");
            Thread sleeper = new Thread(() -> redis.call(r -> r.dispatch(io.lettuce.core.protocol.CommandType.DEBUG,
                    new io.lettuce.core.output.StatusOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
                    new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.StringCodec.UTF8).add("SLEEP").add(2))));
            sleeper.start();
            Thread.sleep(300); // let DEBUG SLEEP reach Redis before the publishes

            List<CompletableFuture<?>> sends = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                sends.add(cluster(a).send(WsClusterTarget.group("g-stall"), "burst " + i));
            }
            assertThat(cluster(a).state().pendingPublishes()).isLessThanOrEqualTo(3);
            assertThat(failedMeter(a, "overloaded")).isEqualTo(overloadedBefore + 7);
            long refused = sends.stream().filter(CompletableFuture::isCompletedExceptionally).count();
            assertThat(refused).as("refused without waiting for Redis").isEqualTo(7);
            for (int i = 0; i < 10; i++) {
                assertThat(memberA.next()).as("local members get every message").isEqualTo("burst " + i);
            }
            sleeper.join(10_000);
            await().atMost(Duration.ofSeconds(15)).until(() -> cluster(a).state().pendingPublishes() == 0);
        }
    }
}
