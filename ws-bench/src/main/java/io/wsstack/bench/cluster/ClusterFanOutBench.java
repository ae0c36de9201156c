package io.wsstack.bench.cluster;

import io.wsstack.spring.WsHandler;
import io.wsstack.spring.cluster.WsCluster;
import io.wsstack.spring.cluster.WsClusterTarget;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cross-instance fan-out next to single-instance broadcast: a real redis-server, two instances of
 * a small application joined with {@code ws.cluster.enabled=true}, and WebSocket clients on one or
 * both. Instance A publishes a burst of messages to the endpoint through {@link WsCluster}; each
 * message carries its send time, and every client records when it arrived. Reports deliveries per
 * second (all recipients) and the send-to-arrival latency, per scenario:
 * <ul>
 * <li>{@code local}: every client on A — the broadcast never leaves the JVM's instance;</li>
 * <li>{@code remote}: every client on B — each message goes A → Redis → B, encoded once on B;</li>
 * <li>{@code split}: half on each.</li>
 * </ul>
 * Both instances and the clients share this JVM (one clock, so latencies need no clock sync).
 *
 * <p>{@code java -cp ... io.wsstack.bench.cluster.ClusterFanOutBench [out.md] [clients] [messages]}
 */
public final class ClusterFanOutBench {

    private static final String ENDPOINT = "fan";

    public static void main(String[] args) throws Exception {
        Path out = args.length > 0 ? Path.of(args[0]) : null;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int messages = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int redisPort = freePort();
        Path dir = Files.createTempDirectory("bench-redis");
        Process redis = new ProcessBuilder("redis-server", "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        waitForPort(redisPort);
        ConfigurableApplicationContext a = start(redisPort);
        ConfigurableApplicationContext b = start(redisPort);
        try {
            StringBuilder table = new StringBuilder();
            table.append("| scenario | clients | messages | deliveries/s | p50 ms | p99 ms | max ms | lost |\n");
            table.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (String scenario : List.of("local", "remote", "split")) {
                run(scenario, a, b, clients, Math.max(100, messages / 4)); // warm-up, not reported
                table.append(run(scenario, a, b, clients, messages)).append('\n');
            }
            String report = "Cross-instance fan-out: one publisher on instance A, " + clients
                    + " WebSocket clients, a burst of " + messages + " text messages (about 40 bytes), "
                    + "one redis-server " + redisVersion() + ", load average at end "
                    + Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + ".\n\n" + table;
            System.out.println(report);
            if (out != null) {
                Files.writeString(out, report);
            }
        }
        finally {
            a.close();
            b.close();
            redis.destroyForcibly();
        }
    }

    private static String run(String scenario, ConfigurableApplicationContext a, ConfigurableApplicationContext b,
            int clients, int messages) throws Exception {
        List<Receiver> receivers = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            boolean onA = switch (scenario) {
                case "local" -> true;
                case "remote" -> false;
                default -> i % 2 == 0;
            };
            receivers.add(Receiver.connect(port(onA ? a : b), messages, done));
        }
        // Let every instance subscribe its endpoint channel before the burst (join-free targets subscribe on open).
        Thread.sleep(500);
        WsCluster publisher = a.getBean(WsCluster.class);
        long failedBefore = publisher.state().failed();
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            publisher.send(WsClusterTarget.endpoint(ENDPOINT), "m" + i + " t" + System.nanoTime() + " ..........");
        }
        done.await(60, TimeUnit.SECONDS);
        long end = receivers.stream().mapToLong(r -> r.last.get()).max().orElse(start);
        long delivered = receivers.stream().mapToLong(r -> r.count.get()).sum();
        long[] latencies = receivers.stream().flatMapToLong(r -> Arrays.stream(r.latencies, 0, Math.min(r.latencies.length, r.count.get()))).sorted().toArray();
        receivers.forEach(Receiver::close);
        double seconds = Math.max(1e-9, (end - start) / 1e9);
        long lost = (long) clients * messages - delivered;
        return String.format(Locale.ROOT, "| %s | %d | %d | %,.0f | %.1f | %.1f | %.1f | %d%s |", scenario, clients, messages,
                delivered / seconds, percentile(latencies, 0.50), percentile(latencies, 0.99),
                latencies.length == 0 ? 0.0 : latencies[latencies.length - 1] / 1e6, lost,
                publisher.state().failed() > failedBefore ? " (" + (publisher.state().failed() - failedBefore) + " publishes failed)" : "");
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    private static ConfigurableApplicationContext start(int redisPort) {
        return new SpringApplicationBuilder(FanOutApplication.class).run("--server.port=0",
                "--ws.endpoints." + ENDPOINT + ".path=/fan", "--ws.endpoints." + ENDPOINT + ".allowed-origins=*",
                "--ws.deflate.enabled=false", "--ws.cluster.enabled=true", "--spring.data.redis.port=" + redisPort,
                "--spring.main.banner-mode=off", "--logging.level.root=WARN");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static String redisVersion() {
        try {
            Process version = new ProcessBuilder("redis-server", "--version").start();
            String text = new String(version.getInputStream().readAllBytes()).trim();
            int v = text.indexOf("v=");
            return v < 0 ? "" : text.substring(v + 2, text.indexOf(' ', v));
        }
        catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void waitForPort(int port) throws Exception {
        for (int i = 0; i < 200; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            }
            catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start");
    }

    /** A client that records when each message arrived relative to the send time it carries. */
    private static final class Receiver implements WebSocket.Listener {

        private static final HttpClient HTTP = HttpClient.newHttpClient();

        private final long[] latencies;
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicLong last = new AtomicLong();
        private final CountDownLatch done;
        private final StringBuilder text = new StringBuilder();
        private WebSocket ws;

        private Receiver(int expected, CountDownLatch done) {
            this.latencies = new long[expected];
            this.done = done;
        }

        static Receiver connect(int port, int expected, CountDownLatch done) throws Exception {
            Receiver receiver = new Receiver(expected, done);
            receiver.ws = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/fan"), receiver)
                    .get(10, TimeUnit.SECONDS);
            return receiver;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean lastPart) {
            text.append(data);
            if (lastPart) {
                long now = System.nanoTime();
                int t = text.indexOf(" t");
                long sent = Long.parseLong(text.substring(t + 2, text.indexOf(" ", t + 2)));
                text.setLength(0);
                int n = count.getAndIncrement();
                if (n < latencies.length) {
                    latencies[n] = now - sent;
                }
                last.set(now);
                if (n + 1 == latencies.length) {
                    done.countDown();
                }
            }
            webSocket.request(1);
            return null;
        }

        void close() {
            ws.abort();
        }
    }

    /** The measured application: one endpoint whose sessions only receive. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    public static class FanOutApplication {

        @Bean
        Sink sink() {
            return new Sink();
        }
    }

    /** The endpoint's handler: clients send nothing that matters. */
    public static class Sink {

        @WsHandler(ENDPOINT)
        public void ignore(String message) {
        }
    }
}
