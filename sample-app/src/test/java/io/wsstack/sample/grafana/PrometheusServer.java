package io.wsstack.sample.grafana;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Prometheus server (Debian's {@code prometheus} package, installed by
 * {@code scripts/install-test-peers.sh}) scraping one or more targets every second, with its data in a
 * temporary directory and its API on a free port. Queries go through its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {

    static final String BINARY = "/usr/bin/prometheus";

    private final Process process;
    private final Path dataDir;
    private final int port;
    private final int targets;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    private PrometheusServer(Process process, Path dataDir, int port, int targets) {
        this.process = process;
        this.targets = targets;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts Prometheus scraping {@code http://localhost:<targetPort><metricsPath>} of each port once a second. */
    static PrometheusServer scraping(String metricsPath, int... targetPorts) throws IOException {
        String targets = Arrays.stream(targetPorts).mapToObj(p -> "'localhost:" + p + "'")
                .collect(Collectors.joining(", "));
        Path dir = Files.createTempDirectory("prometheus");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: wsstack-sample
                    metrics_path: %s
                    static_configs:
                      - targets: [%s]
                """.formatted(metricsPath, targets));
        int port = freePort();
        Process process = new ProcessBuilder(BINARY, "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        return new PrometheusServer(process, dir, port, targetPorts.length);
    }

    /**
     * Runs an instant query; returns the API's whole answer ({@code status}, {@code data}, {@code error}),
     * which is JSON for good and bad queries alike.
     *
     * @throws IOException when Prometheus is not ready yet or not listening
     */
    JsonNode query(String promQl) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(promQl, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (!response.body().startsWith("{")) {
            // 503 "Service Unavailable" in plain text until the storage is ready
            throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    /** Waits until every target was scraped at least {@code scrapes} times, or fails with Prometheus' log. */
    void awaitScrapes(int scrapes, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited: " + log());
            }
            try {
                JsonNode result = query("count_over_time(up{job=\"wsstack-sample\"}[1m])").path("data").path("result");
                // one series per target; the slowest one decides
                double fewest = Double.MAX_VALUE;
                for (JsonNode series : result) {
                    fewest = Math.min(fewest, series.path("value").get(1).asDouble());
                }
                if (result.size() == targets && fewest >= scrapes) {
                    return;
                }
            } catch (IOException notReadyYet) {
                // the API listens, and then answers, a moment after the process starts
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("fewer than " + scrapes + " scrapes within " + timeout + ": " + log());
    }

    private String log() throws IOException {
        return Files.readString(dataDir.resolve("prometheus.log"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
