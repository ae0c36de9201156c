package io.wsstack.bench.load;

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
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Issue 16: what one compressed server connection costs in permessage-deflate state, per preset,
 * measured without any transport so that the figure is the codec's alone (sessions, sockets and
 * buffers cost the same in every configuration). Each configuration runs in a fresh JVM (glibc
 * would otherwise hand freed zlib memory to the next one):
 * {@code N} server connections with context takeover each inflate the same 8 varied 1 KiB messages
 * (compressed once by one client peer: identical input keeps every connection's inflater in the
 * same valid state) and compress 8 of their own, then stay open while the process's RSS and its
 * heap after GC are compared with before. The heap is pre-touched, so RSS growth is native memory.
 *
 * <p>Run the parent ({@code main} without arguments) with the JDK 25 {@code java}; the java.util.zip
 * rows force the fallback with {@code -Dwsstack.deflate.zlib=jdk}. Writes {@code deflate-memory.md}.
 */
public final class DeflateMemoryProbe {

    private static final int SIZE = 1024;
    private static final int MESSAGES = 8;

    private DeflateMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            child(args[0], Integer.parseInt(args[1]));
            return;
        }
        int connections = Integer.getInteger("bench.deflate.memoryConnections", 2000);
        Path out = Path.of(System.getProperty("bench.out", "benchmarks"));
        Files.createDirectories(out);
        List<String> configs = new ArrayList<>(List.of("jdk-dedicated", "jdk-shared"));
        for (DeflatePreset preset : DeflatePreset.values()) {
            configs.add(preset.name());
        }
        configs.add("shared-" + DeflatePreset.DEDICATED_3KB.name());
        // dedicated-3kb's windows and memory level in pooled mode, beside pooled-1kb (same windows, memory level 3)
        configs.add("pooled-" + DeflatePreset.DEDICATED_3KB.name());
        // e.g. -Dbench.deflate.probe=DEDICATED_4KB,pooled-DEDICATED_4KB measures only those
        String only = System.getProperty("bench.deflate.probe", "");
        if (!only.isBlank()) {
            configs.retainAll(List.of(only.split(",")));
        }
        StringBuilder md = new StringBuilder("| configuration | zlib | native KiB / connection | heap KiB / connection"
                + " | total KiB / connection | compressed ÷ original | codec CPU µs / echoed message |\n"
                + "|---|---|---:|---:|---:|---:|---:|\n");
        for (String config : configs) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC",
                    "--enable-native-access=ALL-UNNAMED"));
            if (config.startsWith("jdk")) {
                command.add("-Dwsstack.deflate.zlib=jdk");
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), DeflateMemoryProbe.class.getName(),
                    config, Integer.toString(connections)));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            String row = output.lines().filter(l -> l.startsWith("| ")).findFirst()
                    .orElse("| " + config + " | failed: " + output.replace('\n', ' ') + " | | | | | |");
            System.out.println(row);
            md.append(row).append('\n');
        }
        md.append('\n');
        Files.writeString(out.resolve("deflate-memory.md"), md.toString());
    }

    private static void child(String config, int connections) throws IOException {
        boolean shared = config.contains("shared");
        boolean pooled = config.startsWith("pooled-"); // a POOLED_* preset sets the mode itself
        DeflateOptions.Builder builder = DeflateOptions.builder().threshold(0)
                .mode(shared ? DeflateMode.SHARED : pooled ? DeflateMode.POOLED : DeflateMode.DEDICATED);
        if (!config.startsWith("jdk")) {
            builder.preset(presetOf(config));
        }
        DeflateOptions options = builder.build();
        List<byte[]> messages = messages();
        try (ClientDeflateNegotiator client = new ClientDeflateNegotiator(DeflateOptions.builder()
                .offerClientMaxWindowBits().build());
             ServerDeflateNegotiator server = new ServerDeflateNegotiator(options)) {
            NegotiatedDeflate serverSide = server.negotiate(ExtensionHeaderParser.parseLenient(
                    ExtensionOffer.toHeaderValue(client.offers()))).orElseThrow();
            NegotiatedDeflate clientSide = client.accept(List.of(serverSide.responseElement())).orElseThrow();
            List<ByteBuffer> incoming = new ArrayList<>();
            try (MessageCompression peer = clientSide.newCompression(Role.CLIENT)) {
                for (byte[] m : messages) {
                    incoming.add(peer.compress(ByteBuffer.wrap(m), true));
                }
            }
            // Warm-up: the JIT and the class loading should not count as per-connection memory.
            exercise(serverSide, incoming, messages, 200).forEach(MessageCompression::close);
            long heapBefore = usedHeapAfterGc();
            long rssBefore = rss();
            long[] sizes = new long[2];
            List<MessageCompression> open = exercise(serverSide, incoming, messages, connections, sizes);
            long heap = usedHeapAfterGc() - heapBefore;
            long rss = rss() - rssBefore;
            open.forEach(MessageCompression::close);
            cpuMicros(serverSide, clientSide, 100, 20); // warm-up
            double cpu = cpuMicros(serverSide, clientSide, 100, 200);
            System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %.3f | %.1f |%n", label(config),
                    DeflateResources.zlibDescription(), rss / 1024.0 / connections, heap / 1024.0 / connections,
                    (rss + heap) / 1024.0 / connections, (double) sizes[1] / sizes[0], cpu);
        }
    }

    /**
     * Server CPU (this thread's) per echoed message: {@code connections} server connections, each
     * inflating a message its own client peer compressed and compressing the echo, round-robin, so
     * every message finds the connection's zlib state cold as in a real server. The clients' work is
     * done beforehand and not counted.
     */
    private static double cpuMicros(NegotiatedDeflate serverSide, NegotiatedDeflate clientSide, int connections,
                                    int rounds) {
        List<byte[]> variants = messages(64);
        byte[][][] wire = new byte[connections][rounds][];
        List<MessageCompression> servers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            try (MessageCompression peer = clientSide.newCompression(Role.CLIENT)) {
                for (int r = 0; r < rounds; r++) {
                    ByteBuffer b = peer.compress(ByteBuffer.wrap(variants.get((c * 7 + r) % variants.size())), true);
                    wire[c][r] = new byte[b.remaining()];
                    b.get(wire[c][r]);
                }
            }
            servers.add(serverSide.newCompression(Role.SERVER));
        }
        MessageCompression.InflatedSink sink = new MessageCompression.InflatedSink() {
            @Override
            public long remaining() {
                return Long.MAX_VALUE / 2;
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
            }
        };
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        for (int r = 0; r < rounds; r++) {
            for (int c = 0; c < connections; c++) {
                MessageCompression s = servers.get(c);
                s.decompress(ByteBuffer.wrap(wire[c][r]), sink);
                s.finishDecompression(sink);
                s.compress(ByteBuffer.wrap(variants.get((c * 7 + r) % variants.size())), true);
            }
        }
        long cpu = threads.getCurrentThreadCpuTime() - start;
        servers.forEach(MessageCompression::close);
        return cpu / 1000.0 / ((long) connections * rounds);
    }

    private static String label(String config) {
        return switch (config) {
            case "jdk-dedicated" -> "dedicated, 15-bit windows (today's default)";
            case "jdk-shared" -> "shared (today's shared mode)";
            default -> (config.startsWith("shared-") ? "shared, windows of "
                    : config.startsWith("pooled-") ? "pooled (context takeover), windows of " : "")
                    + DeflatePresetHarness.propertyValue(presetOf(config));
        };
    }

    /** The preset of a configuration: "DEDICATED_3KB", "shared-DEDICATED_3KB" and "pooled-DEDICATED_3KB" all name it. */
    private static DeflatePreset presetOf(String config) {
        boolean modePrefix = config.startsWith("shared-") || config.startsWith("pooled-");
        return DeflatePreset.valueOf(modePrefix ? config.substring(config.indexOf('-') + 1) : config);
    }

    private static List<MessageCompression> exercise(NegotiatedDeflate serverSide, List<ByteBuffer> incoming,
                                                     List<byte[]> messages, int connections, long... sizes) {
        List<MessageCompression> open = new ArrayList<>(connections);
        MessageCompression.InflatedSink sink = new MessageCompression.InflatedSink() {
            @Override
            public long remaining() {
                return Long.MAX_VALUE / 2;
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
            }
        };
        for (int i = 0; i < connections; i++) {
            MessageCompression c = serverSide.newCompression(Role.SERVER);
            for (int m = 0; m < MESSAGES; m++) {
                c.decompress(incoming.get(m).duplicate(), sink);
                c.finishDecompression(sink);
                int compressed = c.compress(ByteBuffer.wrap(messages.get(m)), true).remaining();
                if (sizes.length == 2 && i == 0) {
                    sizes[0] += messages.get(m).length;
                    sizes[1] += compressed;
                }
            }
            open.add(c);
        }
        return open;
    }

    /** Varied 1 KiB JSON-like texts of one shape, as one chat or ticker stream sends. */
    private static List<byte[]> messages() {
        return messages(MESSAGES);
    }

    private static List<byte[]> messages(int count) {
        String[] words = {"order", "price", "update", "user", "status", "ok", "delta", "quote", "symbol", "EURUSD",
            "bid", "ask", "room", "hello", "message", "ticket", "alice", "bob", "carol", "dave"};
        List<byte[]> list = new ArrayList<>();
        for (int v = 0; v < count; v++) {
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
            list.add(text.toString().getBytes(StandardCharsets.US_ASCII));
        }
        return list;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS");
    }
}
