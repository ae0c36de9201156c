package io.wsstack.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.wsstack.core.Role;
import io.wsstack.core.deflate.ClientDeflateNegotiator;
import io.wsstack.core.deflate.DeflateMode;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.deflate.DeflatePreset;
import io.wsstack.core.deflate.DeflateResources;
import io.wsstack.core.deflate.NegotiatedDeflate;
import io.wsstack.core.deflate.ServerDeflateNegotiator;
import io.wsstack.core.extension.ExtensionHeaderParser;
import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.extension.MessageCompression;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Issue 16's measurements: for each permessage-deflate preset (zlib through FFM on JDK 25), for
 * today's java.util.zip modes (JDK 17) and for the peers, in one run:
 * <ul>
 *   <li>server CPU per echoed 1 KiB compressed message: {@code bench.deflate.connections} (100)
 *       connections, one message in flight each, messages that vary (64 different 1 KiB JSON-like
 *       texts taken in turn);</li>
 *   <li>memory per compressed connection with context takeover: {@code bench.deflate.memoryConnections}
 *       (1000) connections each echo a few varied messages, then the server's RSS and its heap after
 *       GC are compared with before (heap pre-touched, so the RSS growth is native memory, zlib's
 *       above all, plus a little JIT and metaspace);</li>
 *   <li>the compression ratio of the same message sequence with that preset's window and memory
 *       level, computed in this JVM with ws-core (run it on JDK 25 so the FFM binding is used).</li>
 * </ul>
 * The load generator offers {@code client_max_window_bits} as browsers do, so that servers may
 * shrink the window they inflate with. Writes {@code deflate.md} into {@code bench.out}.
 */
public final class DeflatePresetHarness {

    private static final int SIZE = 1024;
    private static final int VARIANTS = 64;

    private record Config(String label, Peer peer, boolean java25, List<String> args, DeflateOptions ratioOptions) {
    }

    private record Row(Config config, double cpuMicros, double messagesPerSecond, double rssKiB, double heapKiB,
                       double ratio, String note) {
    }

    private DeflatePresetHarness() {
    }

    public static void main(String[] args) throws Exception {
        String java25 = System.getProperty("bench.java25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        String java17 = System.getProperty("bench.java17", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
        int connections = Integer.getInteger("bench.deflate.connections", 100);
        int memoryConnections = Integer.getInteger("bench.deflate.memoryConnections", 1000);
        long warmup = Long.getLong("bench.warmupMillis", 3000);
        long measure = Long.getLong("bench.measureMillis", 5000);
        Path out = Path.of(System.getProperty("bench.out", "benchmarks"));
        Files.createDirectories(out.resolve("logs"));

        List<Config> configs = configs();
        List<ByteBuf> variants = variants();
        List<Row> rows = new ArrayList<>();
        for (Config config : configs) {
            String java = config.java25() ? java25 : java17;
            List<String> jvm = new ArrayList<>(List.of("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch", "-XX:+UseG1GC"));
            if (config.java25()) {
                jvm.add("--enable-native-access=ALL-UNNAMED");
            }
            int port = FreePorts.pair();
            Path log = out.resolve("logs").resolve("deflate-" + rows.size() + ".log");
            System.out.println("== " + config.label());
            double ratio = config.ratioOptions() == null ? Double.NaN : ratio(config.ratioOptions(), variants);
            try (ServerProcess server = ServerProcess.start(java, jvm, config.peer().mainClass(), port, log, config.args())) {
                LoadClient client = new LoadClient(2, true);
                try {
                    List<EchoLoop> loops = client.connect(server.echoUri(), connections, true);
                    double[] cpu;
                    try {
                        echo(loops, variants, warmup, measure, server); // warm-up round: JIT, pools
                        cpu = echo(loops, variants, warmup, measure, server);
                    } finally {
                        LoadClient.close(loops);
                    }
                    Thread.sleep(1000);
                    long heapBefore = server.usedHeapAfterGc();
                    long rssBefore = server.rssBytes();
                    List<EchoLoop> many = client.connect(server.echoUri(), memoryConnections, true);
                    try {
                        echo(many, variants, 0, 1500, server);
                        Thread.sleep(500);
                        long heapAfter = server.usedHeapAfterGc();
                        long rssAfter = server.rssBytes();
                        rows.add(new Row(config, cpu[0], cpu[1], (rssAfter - rssBefore) / 1024.0 / memoryConnections,
                                (heapAfter - heapBefore) / 1024.0 / memoryConnections, ratio, null));
                    } finally {
                        LoadClient.close(many);
                    }
                } finally {
                    client.close();
                }
            } catch (Exception e) {
                rows.add(new Row(config, 0, 0, 0, 0, ratio, "failed: " + e.getMessage()));
            }
            Row last = rows.get(rows.size() - 1);
            System.out.printf("   cpu %.1f µs/msg (%.0f msg/s), memory %.1f KiB native + %.1f KiB heap per connection,"
                    + " ratio %.3f%s%n", last.cpuMicros(), last.messagesPerSecond(), last.rssKiB(), last.heapKiB(),
                    last.ratio(), last.note() == null ? "" : " " + last.note());
        }
        Files.writeString(out.resolve("deflate.md"), markdown(rows, connections, memoryConnections, measure));
        System.out.println(Files.readString(out.resolve("deflate.md")));
    }

    private static List<Config> configs() {
        List<Config> configs = new ArrayList<>();
        DeflateOptions today = DeflateOptions.builder().threshold(0).build();
        configs.add(new Config("wsstack, java.util.zip, dedicated (JDK 17, today's default)", Peer.WSSTACK, false,
                List.of(), today));
        configs.add(new Config("wsstack, java.util.zip, shared (JDK 17)", Peer.WSSTACK, false,
                List.of("--ws.deflate.mode=shared"), DeflateOptions.builder().threshold(0).mode(DeflateMode.SHARED).build()));
        for (DeflatePreset preset : DeflatePreset.values()) {
            if (!List.of(System.getProperty("bench.deflate.presets", "DEDICATED_3KB,DEDICATED_8KB,DEDICATED_32KB,DEDICATED_256KB")
                    .split(",")).contains(preset.name())) {
                continue;
            }
            String name = preset.name().toLowerCase(Locale.ROOT).replace('_', '-');
            configs.add(new Config("wsstack, zlib FFM, " + name + " (JDK 25)", Peer.WSSTACK, true,
                    List.of("--ws.deflate.preset=" + name), DeflateOptions.builder().threshold(0).preset(preset).build()));
        }
        configs.add(new Config("wsstack, zlib FFM, shared, dedicated-3kb windows (JDK 25)", Peer.WSSTACK, true,
                List.of("--ws.deflate.mode=shared", "--ws.deflate.preset=dedicated-3kb"),
                DeflateOptions.builder().threshold(0).mode(DeflateMode.SHARED).preset(DeflatePreset.DEDICATED_3KB).build()));
        for (Peer peer : List.of(Peer.SPRING, Peer.JETTY, Peer.NETTY)) {
            if (peer.available()) {
                configs.add(new Config(peer.label() + " (JDK 17)", peer, false, List.of(), null));
            }
        }
        return configs;
    }

    /** One echo phase on {@code loops}; returns {server CPU µs per message, messages per second}. */
    private static double[] echo(List<EchoLoop> loops, List<ByteBuf> variants, long warmupMillis, long measureMillis,
                                 ServerProcess server) throws Exception {
        Phase phase = new Phase(variants, loops.size(), TimeUnit.MILLISECONDS.toNanos(warmupMillis),
                TimeUnit.MILLISECONDS.toNanos(measureMillis));
        // Each connection starts at its own message, so neighbours do not send the same bytes.
        for (int i = 0; i < loops.size(); i++) {
            loops.get(i).start(phase, i);
        }
        sleepUntil(phase.measureStart);
        long cpuStart = server.cpuNanos();
        sleepUntil(phase.measureEnd);
        long cpuEnd = server.cpuNanos();
        phase.awaitFinished(10_000);
        long messages = 0;
        for (EchoLoop loop : loops) {
            messages += loop.samples().size();
        }
        if (phase.wrongEchoes() > 0 || phase.lostConnections() > 0) {
            throw new IllegalStateException(phase.wrongEchoes() + " wrong echoes, " + phase.lostConnections() + " lost");
        }
        double perSecond = messages / (measureMillis / 1000.0);
        return new double[] {messages == 0 ? 0 : (cpuEnd - cpuStart) / 1000.0 / messages, perSecond};
    }

    /** Compressed ÷ original bytes for the variant sequence sent 4 times from a server with {@code options}. */
    private static double ratio(DeflateOptions options, List<ByteBuf> variants) {
        DeflateOptions clientOptions = DeflateOptions.builder().offerClientMaxWindowBits().build();
        try (ClientDeflateNegotiator client = new ClientDeflateNegotiator(clientOptions);
             ServerDeflateNegotiator server = new ServerDeflateNegotiator(options)) {
            NegotiatedDeflate n = server.negotiate(ExtensionHeaderParser.parseLenient(
                    ExtensionOffer.toHeaderValue(client.offers()))).orElseThrow();
            long in = 0;
            long compressed = 0;
            try (MessageCompression codec = n.newCompression(Role.SERVER)) {
                for (int round = 0; round < 4; round++) {
                    for (ByteBuf v : variants) {
                        ByteBuffer payload = v.nioBuffer();
                        in += payload.remaining();
                        compressed += codec.compress(payload, true).remaining();
                    }
                }
            }
            return (double) compressed / in;
        }
    }

    /** 64 different 1 KiB JSON-like texts of the same shape, as one chat or ticker stream would send. */
    private static List<ByteBuf> variants() {
        List<ByteBuf> variants = new ArrayList<>(VARIANTS);
        String[] words = {"order", "price", "update", "user", "status", "ok", "delta", "quote", "symbol", "EURUSD",
            "bid", "ask", "room", "hello", "message", "ticket", "alice", "bob", "carol", "dave"};
        for (int v = 0; v < VARIANTS; v++) {
            Random random = new Random(1000 + v);
            StringBuilder text = new StringBuilder(SIZE + 64);
            while (text.length() < SIZE) {
                text.append("{\"id\":").append(random.nextInt(1_000_000))
                        .append(",\"type\":\"").append(words[random.nextInt(words.length)])
                        .append("\",\"from\":\"").append(words[random.nextInt(words.length)])
                        .append("\",\"price\":").append(random.nextInt(100_000) / 100.0)
                        .append(",\"ts\":").append(1_733_000_000_000L + random.nextInt(1_000_000)).append("}\n");
            }
            text.setLength(SIZE);
            byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
            variants.add(Unpooled.unreleasableBuffer(Unpooled.directBuffer(SIZE).writeBytes(bytes)));
        }
        return variants;
    }

    private static String markdown(List<Row> rows, int connections, int memoryConnections, long measure) {
        StringBuilder md = new StringBuilder();
        md.append("### permessage-deflate presets (issue 16)\n\n")
                .append("Harness JVM: Java ").append(Runtime.version().feature()).append(", ratio computed with ")
                .append(DeflateResources.zlibDescription()).append(". CPU: ").append(connections)
                .append(" connections echo varied 1 KiB text messages, one in flight each, ").append(measure / 1000)
                .append(" s measured after a warm-up round. Memory: ").append(memoryConnections)
                .append(" connections with context takeover after a few messages each; native = server RSS growth "
                        + "(heap pre-touched), heap = used heap after GC growth. Ratio = compressed ÷ original bytes "
                        + "of the same message sequence (lower is better).\n\n")
                .append("| server | CPU µs / message | messages/s | native KiB / connection | heap KiB / connection | "
                        + "total KiB / connection | ratio |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            if (r.note() != null) {
                md.append("| ").append(r.config().label()).append(" | ").append(r.note()).append(" | | | | | |\n");
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.1f | %.1f | %.1f | %s |%n", r.config().label(),
                    r.cpuMicros(), r.messagesPerSecond(), r.rssKiB(), r.heapKiB(), r.rssKiB() + r.heapKiB(),
                    Double.isNaN(r.ratio()) ? "n/a" : String.format(Locale.ROOT, "%.3f", r.ratio())));
        }
        return md.append('\n').toString();
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
