package io.wsstack.cluster;

import io.wsstack.spring.cluster.WsCluster;
import io.wsstack.spring.cluster.WsClusterTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance that dies (its JVM killed with SIGKILL: no shutdown hook, no goodbye to Redis)
 * leaves cluster-wide presence once its heartbeat has expired ({@code ws.cluster.presence-expiry=3s}
 * here), while the surviving instance keeps counting its own.
 */
class InstanceDeathClusterTest {

    private static RedisServer redis;
    private static ConfigurableApplicationContext survivor;
    private static Process doomed;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start();
        survivor = ClusterTestApplication.start(redis.springArgs());
    }

    @AfterAll
    static void stop() throws Exception {
        if (doomed != null) {
            doomed.destroyForcibly();
        }
        if (survivor != null) {
            survivor.close();
        }
        redis.close();
    }

    @Test
    @DisplayName("a killed instance drops out of group and endpoint counts within the presence expiry")
    void killedInstanceLeavesPresence() throws Exception {
        int port = startInstanceInItsOwnJvm();
        WsCluster cluster = survivor.getBean(WsCluster.class);
        try (ClusterClient local = ClusterClient.connect(survivor, null, redis).join("g-death");
                ClusterClient remote = ClusterClient.connect(port, "bob").join("g-death")) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(cluster.count(WsClusterTarget.group("g-death")).get(5, TimeUnit.SECONDS)).isEqualTo(2);
                assertThat(cluster.isUserConnected("bob").get(5, TimeUnit.SECONDS)).isTrue();
            });

            doomed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            long killed = System.nanoTime();

            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                assertThat(cluster.count(WsClusterTarget.group("g-death")).get(5, TimeUnit.SECONDS)).isEqualTo(1);
                assertThat(cluster.isUserConnected("bob").get(5, TimeUnit.SECONDS)).isFalse();
            });
            Duration gone = Duration.ofNanos(System.nanoTime() - killed);
            // presence-expiry (3 s) plus scheduling slack on a loaded machine
            assertThat(gone).isLessThan(Duration.ofSeconds(8));
            assertThat(cluster.count(WsClusterTarget.endpoint("room")).get(5, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }

    /** Starts {@link ClusterTestApplication} in a child JVM on the test class path; returns its HTTP port. */
    private static int startInstanceInItsOwnJvm() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ClusterTestApplication.class.getName(), "--server.port=0", "--ws.endpoints.room.path=/room",
                "--ws.endpoints.room.allowed-origins=*", "--ws.cluster.enabled=true",
                "--ws.cluster.heartbeat-interval=500ms", "--ws.cluster.presence-expiry=3s",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN"));
        command.addAll(redis.springArgs());
        doomed = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(doomed.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("CLUSTER-NODE-PORT=")) {
                        port.complete(Integer.parseInt(line.substring("CLUSTER-NODE-PORT=".length()).trim()));
                    }
                }
                port.completeExceptionally(new IllegalStateException("child instance ended before it listened"));
            }
            catch (Exception e) {
                port.completeExceptionally(e);
            }
        }, "cluster-child-output");
        reader.setDaemon(true);
        reader.start();
        return port.get(180, TimeUnit.SECONDS);
    }
}
