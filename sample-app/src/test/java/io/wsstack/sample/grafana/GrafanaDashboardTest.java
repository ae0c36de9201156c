package io.wsstack.sample.grafana;

import io.micrometer.core.instrument.MeterRegistry;
import io.wsstack.autoconfigure.metrics.WsMeterNames;
import io.wsstack.client.WsClient;
import io.wsstack.client.WsClientListener;
import io.wsstack.client.WsClientRequest;
import io.wsstack.client.WsClientSession;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard cannot silently drift from the meters: every metric name and label its
 * PromQL queries use must be served by the sample's {@code /actuator/prometheus} after real
 * traffic — chat, feed and echo, compressed and not, refused handshakes, closes with codes, a
 * protocol error and a slow consumer — and every {@code ws.*} meter has at least one panel. Then a
 * real Prometheus scrapes the sample and runs every query, so a query that does not parse, or that
 * returns nothing, fails here rather than on an operator's screen.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sample.feed.interval=200ms")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrafanaDashboardTest {

    /** Labels Prometheus adds when it scrapes (the scrape target), which the application never serves. */
    private static final Set<String> TARGET_LABELS = Set.of("instance", "job");
    /** Grafana's variable query: the values of one label on the series of a selector. */
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.*),\\s*(\\w+)\\)$");

    @LocalServerPort
    private int port;

    @Autowired
    private MeterRegistry registry;

    private final HttpClient http = HttpClient.newHttpClient();
    private final WsClient compressing = WsClient.builder().build();
    private final WsClient plain = WsClient.builder().noCompression().build();

    /** The traffic runs once; the tests read what it left in the meters. */
    @BeforeAll
    void driveTheSample() throws Exception {
        runTraffic();
    }

    @AfterAll
    void closeClients() {
        compressing.close();
        plain.close();
    }

    @Test
    @DisplayName("Every metric and label in the dashboard's queries is served at /actuator/prometheus after real traffic")
    void dashboardUsesOnlyServedNamesAndLabels() throws Exception {
        List<String> queries = GrafanaDashboard.load().queries();
        assertThat(queries).as("queries found in the dashboard").hasSizeGreaterThan(20);

        PrometheusScrape scrape = PrometheusScrape.parse(get("/actuator/prometheus"));

        SoftAssertions soft = new SoftAssertions();
        for (String query : queries) {
            PromQlNames names = PromQlNames.of(query);
            soft.assertThat(names.metrics()).as("metrics in %s", query).isNotEmpty();
            names.metrics().forEach((metric, labels) -> {
                soft.assertThat(scrape.serves(metric)).as("%s is served (used by %s)", metric, query).isTrue();
                labels.stream().filter(label -> !TARGET_LABELS.contains(label)).forEach(label -> soft
                        .assertThat(scrape.labels(metric)).as("labels of %s (used by %s)", metric, query).contains(label));
            });
            names.groupingLabels().stream().filter(label -> !TARGET_LABELS.contains(label)).forEach(label -> soft
                    .assertThat(names.metrics().keySet().stream().anyMatch(m -> scrape.labels(m).contains(label)))
                    .as("some metric of %s has label %s", query, label).isTrue());
        }
        soft.assertAll();
    }

    @Test
    @DisplayName("A real Prometheus scraping the sample runs every dashboard query without error and gets series back")
    void queriesRunInPrometheus() throws Exception {
        List<String> queries = GrafanaDashboard.load().queries();
        try (PrometheusServer prometheus = PrometheusServer.scraping("/actuator/prometheus", port)) {
            prometheus.awaitScrapes(3, Duration.ofSeconds(60));

            SoftAssertions soft = new SoftAssertions();
            for (String query : queries) {
                Matcher labelValues = LABEL_VALUES.matcher(query);
                String promQl = withVariables(labelValues.matches() ? labelValues.group(1) : query);
                JsonNode answer = prometheus.query(promQl);
                JsonNode series = answer.path("data").path("result");
                soft.assertThat(answer.path("status").asString()).as("%s (%s)", promQl, answer.path("error").asString())
                        .isEqualTo("success");
                soft.assertThat(series.size()).as("series returned by %s", promQl).isPositive();
                if (labelValues.matches()) {
                    series.forEach(s -> soft.assertThat(s.path("metric").has(labelValues.group(2)))
                            .as("%s on every series of %s", labelValues.group(2), promQl).isTrue());
                }
            }
            soft.assertAll();
        }
    }

    /**
     * Replaces the dashboard's variables the way Grafana would with one application and every
     * instance and endpoint selected.
     */
    private static String withVariables(String query) {
        return query.replace("$__rate_interval", "10s")
                .replace("$application", "wsstack-sample")
                .replace("$instance", ".+")
                .replace("$endpoint", ".+");
    }

    @Test
    @DisplayName("Every ws.* meter of WsMeterNames has a panel, and every query picks its data source from the variable")
    void everyMeterHasAPanel() throws Exception {
        GrafanaDashboard dashboard = GrafanaDashboard.load();
        String queries = String.join("\n", dashboard.queries());

        for (Field field : WsMeterNames.class.getFields()) {
            String value = (String) field.get(null);
            if (Modifier.isStatic(field.getModifiers()) && value.startsWith("ws.")) {
                // Prometheus turns dots into underscores and appends unit and _total suffixes.
                assertThat(queries).as("a query on %s", value).contains(value.replace('.', '_'));
            }
        }
        List<String> variables = new ArrayList<>();
        dashboard.root().path("templating").path("list").forEach(v -> variables.add(v.path("name").asString()));
        assertThat(variables).containsExactly("datasource", "application", "instance", "endpoint");
        List<String> sources = new ArrayList<>();
        collectDataSources(dashboard.root().path("panels"), sources);
        assertThat(sources).isNotEmpty().allMatch("${datasource}"::equals);
    }

    private static void collectDataSources(JsonNode panels, List<String> into) {
        for (JsonNode panel : panels) {
            if (!"row".equals(panel.path("type").asString())) {
                into.add(panel.path("datasource").path("uid").asString());
                panel.path("targets").forEach(t -> into.add(t.path("datasource").path("uid").asString()));
            }
        }
    }

    /** Drives every endpoint so that each meter the dashboard reads has been used at least once. */
    private void runTraffic() throws Exception {
        // Chat, compressed (our client offers permessage-deflate) and plain (the JDK client offers no extensions).
        Texts ada = new Texts();
        WsClientSession adaSession = compressing.connect(uri("/chat/lobby"), ada).get(10, TimeUnit.SECONDS);
        assertThat(adaSession.deflate()).as("permessage-deflate negotiated").isNotNull();
        adaSession.sendText("{\"type\":\"join\",\"nick\":\"ada\"}");
        ada.await("\"joined\"");
        JdkInbox bob = new JdkInbox();
        WebSocket bobSocket = http.newWebSocketBuilder().buildAsync(uri("/chat/lobby"), bob).join();
        bobSocket.sendText("{\"type\":\"join\",\"nick\":\"bob\"}", true).join();
        // Only joined sessions get the room's lines: wait for bob's own join notice before ada speaks.
        bob.await("\"nick\":\"bob\"");
        adaSession.sendText("{\"type\":\"say\",\"text\":\"" + "the dashboard should see this line. ".repeat(8) + "\"}");
        ada.await("dashboard should see");
        bob.await("dashboard should see");

        // The feed, compressed.
        Texts feed = new Texts();
        WsClientSession feedSession = compressing.connect(uri("/feed"), feed).get(10, TimeUnit.SECONDS);
        feed.await("\"quotes\"");
        feed.await("\"quotes\"");

        // Echo, text and binary, both kinds of client.
        Texts echo = new Texts();
        WsClientSession echoSession = compressing.connect(uri("/echo"), echo).get(10, TimeUnit.SECONDS);
        echoSession.sendText("echo ".repeat(100));
        echo.await("echo echo");
        echoSession.sendBinary(new byte[2048]);
        echo.await("binary:2048");
        JdkInbox jdkEcho = new JdkInbox();
        WebSocket jdkEchoSocket = http.newWebSocketBuilder().buildAsync(uri("/echo"), jdkEcho).join();
        jdkEchoSocket.sendText("plain text", true).join();
        jdkEcho.await("plain text");

        // Closes with codes: 4001 (reported as 4xxx), 1000 and 1001.
        assertThat(adaSession.close(4001, "done").get(10, TimeUnit.SECONDS).code()).isEqualTo(4001);
        bobSocket.sendClose(1000, "bye").join();
        feedSession.close(1001, "leaving").get(10, TimeUnit.SECONDS);
        echoSession.close().get(10, TimeUnit.SECONDS);
        jdkEchoSocket.sendClose(1000, "").join();

        refusedHandshakes();
        protocolError();
        slowConsumer();

        awaitCount(WsMeterNames.SESSIONS_CLOSED, "4xxx");
        awaitCount(WsMeterNames.SESSIONS_CLOSED, "1002");
    }

    /**
     * Two refusals (RFC 6455 §4.2.2): 403 for a foreign Origin (the chat accepts same-origin pages
     * only, §10.2) and 426 for an unsupported {@code Sec-WebSocket-Version} (§4.4).
     */
    private void refusedHandshakes() throws Exception {
        StringBuilder status = new StringBuilder();
        try (RawSocketPeer peer = RawSocketPeer.upgrade(port, "/chat/lobby", "https://evil.example", "13", status)) {
            assertThat(status.toString()).startsWith("HTTP/1.1 403");
        }
        status.setLength(0);
        try (RawSocketPeer peer = RawSocketPeer.upgrade(port, "/echo", "https://anywhere.example", "8", status)) {
            assertThat(status.toString()).startsWith("HTTP/1.1 426");
        }
    }

    /** RFC 6455 §5.1: a server closes with 1002 when a client frame is not masked. */
    private void protocolError() throws Exception {
        StringBuilder status = new StringBuilder();
        try (RawSocketPeer peer = RawSocketPeer.upgrade(port, "/echo", "https://anywhere.example", "13", status)) {
            assertThat(status.toString()).startsWith("HTTP/1.1 101");
            peer.write((byte) 0x81, (byte) 0x02, (byte) 'h', (byte) 'i');
            assertThat(peer.readCloseCode()).isEqualTo(1002);
        }
    }

    /**
     * A client that stops reading while the echo keeps answering: once the server's send buffer for
     * it (1 MiB by default) is full, the session is closed with 1008 and counted as a slow consumer.
     */
    private void slowConsumer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        WsClientListener stuck = new WsClientListener() {
            @Override
            public void onBinary(WsClientSession session, ByteBuffer data) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        WsClientSession session = plain.connect(uri("/echo"), stuck).get(10, TimeUnit.SECONDS);
        byte[] chunk = new byte[256 * 1024];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try {
            while (count(WsMeterNames.SLOW_CONSUMER_ACTIONS) == 0 && System.nanoTime() < deadline) {
                try {
                    session.sendBinary(chunk).get(5, TimeUnit.SECONDS);
                } catch (Exception full) {
                    // Our own send buffer is full or the server has closed: wait for the meter.
                    Thread.sleep(50);
                }
            }
            assertThat(count(WsMeterNames.SLOW_CONSUMER_ACTIONS)).as("send-buffer overflows counted").isPositive();
        } finally {
            release.countDown();
            session.abort();
        }
    }

    private void awaitCount(String meter, String code) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (registry.find(meter).tag(WsMeterNames.CODE, code).counters().stream().mapToDouble(c -> c.count()).sum() == 0) {
            assertThat(System.nanoTime()).as("%s{code=%s} counted within 10 s", meter, code).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private double count(String meter) {
        return registry.find(meter).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
    }

    private URI uri(String path) {
        return URI.create("ws://localhost:" + port + path);
    }

    /** Text messages (and binary lengths) received by one of our client's sessions. */
    static final class Texts implements WsClientListener {
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

        @Override
        public void onText(WsClientSession session, String text) {
            messages.add(text);
        }

        @Override
        public void onBinary(WsClientSession session, ByteBuffer data) {
            messages.add("binary:" + data.remaining());
        }

        void await(String fragment) throws InterruptedException {
            awaitIn(messages, fragment);
        }
    }

    /** Text messages received by a JDK WebSocket. */
    static final class JdkInbox implements WebSocket.Listener {
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        void await(String fragment) throws InterruptedException {
            awaitIn(messages, fragment);
        }
    }

    private static void awaitIn(BlockingQueue<String> messages, String fragment) throws InterruptedException {
        while (true) {
            String message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message containing %s within 10 s", fragment).isNotNull();
            if (message.contains(fragment)) {
                return;
            }
        }
    }
}
