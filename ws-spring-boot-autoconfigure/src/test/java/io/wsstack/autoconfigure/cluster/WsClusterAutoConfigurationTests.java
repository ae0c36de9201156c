package io.wsstack.autoconfigure.cluster;

import io.wsstack.spring.WsSessionRegistry;
import io.wsstack.spring.cluster.HistoryLimits;
import io.wsstack.spring.cluster.LocalMembers;
import io.wsstack.spring.cluster.LocalWsCluster;
import io.wsstack.spring.cluster.WsCluster;
import io.wsstack.spring.cluster.redis.RedisWsCluster;
import io.wsstack.testsupport.FailureMessages;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Which {@link WsCluster} the auto-configuration provides, and how it refuses a bad configuration. */
class WsClusterAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, WsClusterAutoConfiguration.class,
                    WsClusterHealthContributorAutoConfiguration.class))
            .withBean(WsSessionRegistry.class, WsSessionRegistry::new);

    @Test
    @DisplayName("without ws.cluster.enabled the WsCluster is the single-instance one, even with Redis on the class path")
    void localByDefault() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(WsCluster.class);
            assertThat(context.getBean(WsCluster.class)).isInstanceOf(LocalWsCluster.class);
            assertThat(context.getBean(WsCluster.class).state().mode()).isEqualTo("local");
            assertThat(context).doesNotHaveBean("wsClusterHealthIndicator");
        });
    }

    @Test
    @DisplayName("ws.cluster.enabled=true with Spring Data Redis and Lettuce gives the Redis cluster and its health indicator")
    void redisWhenEnabled() {
        // Nothing listens on this port: the instance starts anyway and keeps trying in the background.
        runner.withPropertyValues("ws.cluster.enabled=true", "spring.data.redis.port=1", "spring.data.redis.connect-timeout=200ms")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(WsCluster.class)).isInstanceOf(RedisWsCluster.class);
                    assertThat(context).hasBean("wsClusterHealthIndicator");
                });
    }

    @Test
    @DisplayName("ws.cluster.enabled=true without Spring Data Redis on the class path fails start-up saying what to add")
    void enabledWithoutRedis() {
        runner.withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class))
                .withPropertyValues("ws.cluster.enabled=true")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(FailureMessages.of(context.getStartupFailure()))
                            .contains("ws.cluster.enabled=true needs Spring Data Redis with Lettuce")
                            .contains("spring-boot-starter-data-redis");
                });
    }

    @Test
    @DisplayName("a presence expiry not longer than the heartbeat is refused, naming the property")
    void expiryMustExceedHeartbeat() {
        runner.withPropertyValues("ws.cluster.heartbeat-interval=5s", "ws.cluster.presence-expiry=5s")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(FailureMessages.of(context.getStartupFailure()))
                            .contains("ws.cluster.presence-expiry").contains("must be longer than ws.cluster.heartbeat-interval");
                });
    }

    @Test
    @DisplayName("a misspelt ws.cluster key fails start-up")
    void unknownKey() {
        runner.withPropertyValues("ws.cluster.heartbeat-intervall=1s").run(context -> assertThat(context).hasFailed());
    }

    @Test
    @DisplayName("an application's own WsCluster bean wins")
    void backsOff() {
        WsCluster own = new LocalWsCluster(new LocalMembers(new WsSessionRegistry()), HistoryLimits.NONE);
        runner.withBean("myCluster", WsCluster.class, () -> own).run(context -> {
            assertThat(context).hasSingleBean(WsCluster.class);
            assertThat(context.getBean(WsCluster.class)).isSameAs(own);
        });
    }
}
