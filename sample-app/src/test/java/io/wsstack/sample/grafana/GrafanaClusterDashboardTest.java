package io.wsstack.sample.grafana;

import io.micrometer.core.instrument.MeterRegistry;
import io.wsstack.autoconfigure.cluster.MicrometerWsClusterObserver;
import io.wsstack.client.WsClient;
import io.wsstack.client.WsClientSession;
import io.wsstack.sample.SampleApplication;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's cluster panels against a clustered sample: a real redis-server, two sample
 * instances started with {@code --ws.cluster.enabled=true --spring.data.redis.port=N}, and chat
 * lines crossing between them, so that {@code ws.cluster.received} and the delivery lag count real
 * deliveries. A single, unclustered sample (what {@link GrafanaDashboardTest} drives) registers
 * the cluster meters but never moves them; only this test sees them with traffic on two instances.
 */
class GrafanaClusterDashboardTest {

    private static final String METRICS_PATH = "/actuator/prometheus";

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final WsClient client = WsClient.builder().build();
    private RedisProcess redis;

    @AfterEach
    void stopAll() throws Exception {
        client.close();
        instances.forEach(ConfigurableApplicationContext::close);
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @DisplayName("Cluster panels: every ws.cluster.* meter has one; their names and labels are served by both clustered instances; Prometheus gets per-instance and summed series, received non-zero on both")
    void clusterPanelsAgainstTwoClusteredInstances() throws Exception {
        List<String> queries = GrafanaDashboard.load().queries().stream().filter(q -> q.contains("ws_cluster_")).toList();
        everyClusterMeterHasAQuery(queries);

        redis = RedisProcess.start();
        int portA = startInstance(redis.port());
        int portB = startInstance(redis.port());

        try (PrometheusServer prometheus = PrometheusServer.scraping(METRICS_PATH, portA, portB)) {
            Chatter ada = Chatter.join(client, uri(portA), "ada");
            Chatter bob = Chatter.join(client, uri(portB), "bob");
            // bob's join notice crossed from B to A: the cluster is up on both.
            ada.await("\"nick\":\"bob\"");
            prometheus.awaitScrapes(2, Duration.ofSeconds(30));

            // Lines both ways while Prometheus scrapes, so the rates over the last seconds are non-zero.
            for (int i = 0; i < 10; i++) {
                ada.say("from A " + i);
                bob.say("from B " + i);
                bob.await("from A " + i);
                ada.await("from B " + i);
                Thread.sleep(150);
            }
            assertThat(received(0)).as("ws.cluster.received on instance A").isPositive();
            assertThat(received(1)).as("ws.cluster.received on instance B").isPositive();

            servedByBothInstances(queries, portA, portB);
            awaitScrapedAfterTraffic(prometheus, received(0) + received(1));
            queriesReturnSeries(prometheus, queries);
        }
    }

    /** Waits until Prometheus holds, from both instances, the received counts the traffic left. */
    private static void awaitScrapedAfterTraffic(PrometheusServer prometheus, double received) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            JsonNode result = prometheus.query("sum(ws_cluster_received_total)").path("data").path("result");
            double scraped = result.isEmpty() ? 0 : Double.parseDouble(result.get(0).path("value").get(1).asString());
            if (scraped >= received) {
                return;
            }
            assertThat(System.nanoTime()).as("Prometheus scraped %s received messages within 30 s", received).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Prometheus names: dots become underscores; counters gain _total and timers _seconds, both prefixed by the name. */
    private static void everyClusterMeterHasAQuery(List<String> queries) throws IllegalAccessException {
        String all = String.join("\n", queries);
        for (Field field : MicrometerWsClusterObserver.class.getFields()) {
            if (field.get(null) instanceof String name && name.startsWith("ws.cluster.")) {
                assertThat(all).as("a query on %s", name).contains(name.replace('.', '_'));
            }
        }
    }

    /** Every metric and label of the cluster queries is in each instance's scrape (instance and job come from Prometheus). */
    private void servedByBothInstances(List<String> queries, int... ports) throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (int port : ports) {
            PrometheusScrape scrape = PrometheusScrape.parse(get(port, METRICS_PATH));
            for (String query : queries) {
                PromQlNames.of(query).metrics().forEach((metric, labels) -> {
                    soft.assertThat(scrape.serves(metric)).as("%s served on :%d (used by %s)", metric, port, query).isTrue();
                    labels.stream().filter(l -> !Set.of("instance", "job").contains(l)).forEach(label -> soft
                            .assertThat(scrape.labels(metric)).as("labels of %s on :%d", metric, port).contains(label));
                });
                PromQlNames.of(query).groupingLabels().stream().filter(l -> !Set.of("instance", "job").contains(l))
                        .forEach(label -> soft.assertThat(PromQlNames.of(query).metrics().keySet().stream()
                                .anyMatch(m -> scrape.labels(m).contains(label))).as("%s has label %s", query, label).isTrue());
            }
        }
        soft.assertAll();
    }

    /**
     * Each query parses and returns series; per-instance queries return both instances; the
     * received counters have non-zero rates and the lag has arrivals to average, on both instances.
     */
    private static void queriesReturnSeries(PrometheusServer prometheus, List<String> queries) throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String query : queries) {
            // A window back to before the traffic (Prometheus started before it, well under a
            // minute ago): the rates then hold the lines however the scrapes fell on this machine.
            String promQl = query.replace("$__rate_interval", "1m").replace("$application", "wsstack-sample")
                    .replace("$instance", ".+");
            JsonNode answer = prometheus.query(promQl);
            JsonNode series = answer.path("data").path("result");
            soft.assertThat(answer.path("status").asString()).as("%s (%s)", promQl, answer.path("error").asString())
                    .isEqualTo("success");
            soft.assertThat(series.size()).as("series returned by %s", promQl).isPositive();
            if (query.contains("by (instance")) {
                soft.assertThat(labelValues(series, "instance", v -> true)).as("instances in %s", promQl).hasSize(2);
            }
            // Received must have a positive rate; the lag (which may well round to 0 ms on one
            // machine) must have arrivals to average, i.e. not be 0/0 = NaN.
            DoublePredicate expected = query.contains("ws_cluster_received_total") ? v -> v > 0
                    : query.contains("ws_cluster_delivery_lag_seconds_count") ? v -> !Double.isNaN(v) : null;
            if (expected != null && query.contains("by (instance")) {
                soft.assertThat(labelValues(series, "instance", expected)).as("instances with a fitting %s", promQl).hasSize(2);
            }
            else if (expected != null) {
                soft.assertThat(labelValues(series, "__any__", expected)).as("a fitting value of %s", promQl).isNotEmpty();
            }
        }
        soft.assertAll();
    }

    /** The values of a label over the series whose value passes {@code keep}; "__any__" names every series alike. */
    private static Set<String> labelValues(JsonNode series, String label, DoublePredicate keep) {
        Set<String> values = new HashSet<>();
        for (JsonNode s : series) {
            // Prometheus writes values as strings, NaN included
            if (keep.test(Double.parseDouble(s.path("value").get(1).asString()))) {
                values.add("__any__".equals(label) ? label : s.path("metric").path(label).asString());
            }
        }
        return values;
    }

    private double received(int instance) {
        MeterRegistry registry = instances.get(instance).getBean(MeterRegistry.class);
        return registry.find(MicrometerWsClusterObserver.RECEIVED).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** Starts the sample as its README says, on a random port; returns the port. */
    private int startInstance(int redisPort) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class).run(
                "--server.port=0", "--ws.cluster.enabled=true", "--spring.data.redis.port=" + redisPort,
                "--spring.main.banner-mode=off");
        instances.add(context);
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private String get(int port, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s on :%d", path, port).isEqualTo(200);
        return response.body();
    }

    private static URI uri(int port) {
        return URI.create("ws://localhost:" + port + "/chat/lobby");
    }

    /** One chat session in the lobby. */
    private record Chatter(WsClientSession session, GrafanaDashboardTest.Texts inbox) {

        static Chatter join(WsClient client, URI uri, String nick) throws Exception {
            GrafanaDashboardTest.Texts inbox = new GrafanaDashboardTest.Texts();
            WsClientSession session = client.connect(uri, inbox).get(10, TimeUnit.SECONDS);
            session.sendText("{\"type\":\"join\",\"nick\":\"" + nick + "\"}");
            inbox.await("\"joined\"");
            return new Chatter(session, inbox);
        }

        void say(String text) {
            session.sendText("{\"type\":\"say\",\"text\":\"" + text + "\"}");
        }

        void await(String fragment) throws InterruptedException {
            inbox.await(fragment);
        }
    }
}
