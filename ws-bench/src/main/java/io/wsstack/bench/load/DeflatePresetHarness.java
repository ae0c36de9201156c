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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * Issue 16's measurements, run by {@code scripts/bench.sh} after the load harness: for each
 * permessage-deflate preset (zlib through FFM on JDK 22+), for today's java.util.zip modes (on the
 * default JDK, 17) and for the peers with compression, in one run, each server in its own JVM:
 * <ul>
 *   <li>server CPU per echoed 1 KiB compressed message: {@code bench.deflate.connections} (100)
 *       connections, one message in flight each, messages that vary (64 different 1 KiB JSON-like
 *       texts taken in turn), measured after a warm-up on the same connections;</li>
 *   <li>memory per connection: {@code bench.deflate.memoryConnections} (1000) plain connections, then
 *       as many compressed ones with context takeover on top, each after a few varied messages; the
 *       server's RSS growth (heap pre-touched, so native memory: zlib's above all) and its heap growth
 *       after GC per connection; the difference between a compressed and a plain connection is what
 *       compression costs;</li>
 *   <li>the compression ratio of the same message sequence with that configuration's window and memory
 *       level, computed in this JVM with ws-core (run on JDK 22+ so the FFM binding is used);</li>
 *   <li>after the table, the smallest preset's CPU ÷ today's dedicated mode once more, both servers
 *       running and their windows alternating ({@link DeflatePairComparison}), since that ratio of two
 *       rows measured minutes apart swings with the host.</li>
 * </ul>
 * The load generator offers {@code client_max_window_bits} as browsers do, so that servers may
 * shrink the window they inflate with. It is the native client {@code wsload} when
 * {@code bench.nativeClient} names one built with zlib (scripts/bench.sh builds it), so that the
 * generator's own compression does not take the CPU the servers are measured on; otherwise Netty's
 * client. With {@code wsload} the report also shows each server's echoes as they came over the wire
 * (frame bytes ÷ message bytes, share sent compressed), so a server that negotiates compression but
 * does not compress cannot pass unnoticed.
 *
 * <p>It cannot hang: every configuration has a time limit ({@code bench.deflate.configTimeoutSeconds},
 * 150 s; a quiet machine needs about 30 s), after which its server and connections are stopped and
 * the row says where it was stuck; the run goes on with the next one. {@code deflate.md} in
 * {@code bench.out} is rewritten after every row, so an interrupted run leaves what it measured.
 */
public final class DeflatePresetHarness {

    private static final int SIZE = 1024;
    private static final int VARIANTS = 64;
    private static final String DEFAULT_PRESETS =
            "DEDICATED_3KB,DEDICATED_4KB,DEDICATED_32KB,POOLED_1KB,POOLED_2KB,POOLED_4KB,POOLED_8KB";

    /**
     * One server setup: {@code java25} picks the JDK 22+ binary, {@code jvmOptions} are added to the
     * server's, {@code ratioOptions} null for the peers.
     */
    private record Config(String label, Peer peer, boolean java25, List<String> jvmOptions, List<String> args,
                          DeflateOptions ratioOptions) {

        Config(String label, Peer peer, boolean java25, List<String> args, DeflateOptions ratioOptions) {
            this(label, peer, java25, List.of(), args, ratioOptions);
        }
    }

    /** One line of the report: a result, or why there is none. */
    record Row(String label, DeflateServerRun.Result result, double ratio, String failure) {
    }

    private DeflatePresetHarness() {
    }

    public static void main(String[] args) throws Exception {
        String java25 = System.getProperty("bench.java25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        String java17 = System.getProperty("bench.java17", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
        int connections = Integer.getInteger("bench.deflate.connections", 100);
        int memoryConnections = Integer.getInteger("bench.deflate.memoryConnections", 1000);
        // Each set of memory connections is opened in this many batches; the median batch's growth is reported.
        int memoryBatches = Integer.getInteger("bench.deflate.memoryBatches", 5);
        // Warm-up until the JIT is done (at least bench.warmupMillis, at most bench.deflate.maxWarmupMillis),
        // then the median of bench.deflate.rounds windows of bench.measureMillis (see DeflateServerRun).
        long warmup = Long.getLong("bench.warmupMillis", 5000);
        // On JDK 25 the compilers often stay above the threshold for 20 s and more (JDK 17: ~10 s); the
        // table's JIT column shows what is left, and "app threads" is the figure to compare then.
        long maxWarmup = Long.getLong("bench.deflate.maxWarmupMillis", 10000);
        long measure = Long.getLong("bench.measureMillis", 2000);
        int rounds = Integer.getInteger("bench.deflate.rounds", 5);
        int timeoutSeconds = Integer.getInteger("bench.deflate.configTimeoutSeconds", 150);
        Path out = Path.of(System.getProperty("bench.out", "benchmarks"));
        Path nativeClient = nativeClient(System.getProperty("bench.nativeClient", ""));
        Files.createDirectories(out.resolve("logs"));
        String version17 = JavaRelease.of(java17);
        String version25 = JavaRelease.of(java25);

        List<ByteBuf> variants = variants();
        List<Row> rows = new ArrayList<>();
        List<Config> configs = configs(version17, version25);
        long started = System.nanoTime();
        BiFunction<Config, String, DeflateServerRun> runOf = (config, logName) -> {
            // All compiler threads stay alive, so their CPU is counted as the JIT's (see JvmThreadCpu).
            List<String> jvm = new ArrayList<>(List.of("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch", "-XX:+UseG1GC",
                    "-XX:-UseDynamicNumberOfCompilerThreads"));
            if (config.java25()) {
                jvm.add("--enable-native-access=ALL-UNNAMED");
            }
            jvm.addAll(config.jvmOptions());
            // For profiling only (e.g. -XX:StartFlightRecording=...), as in the load harness; never in published runs.
            String extra = System.getProperty("bench.serverJvmOptions", "").trim();
            if (!extra.isEmpty()) {
                jvm.addAll(List.of(extra.split("\\s+")));
            }
            List<String> serverArgs = new ArrayList<>(config.peer().options());
            serverArgs.addAll(config.args());
            return new DeflateServerRun(new DeflateServerRun.Settings(
                    config.java25() ? java25 : java17, jvm, config.peer().mainClass(), serverArgs,
                    out.resolve("logs").resolve(logName), connections, memoryConnections,
                    memoryBatches, warmup, maxWarmup, measure, rounds, timeoutSeconds, nativeClient), variants);
        };
        for (Config config : configs) {
            System.out.println("== " + config.label());
            double ratio = config.ratioOptions() == null ? Double.NaN : ratio(config.ratioOptions(), variants);
            DeflateServerRun run = runOf.apply(config, "deflate-" + rows.size() + ".log");
            Row row = measure(config.label(), run, ratio, timeoutSeconds);
            rows.add(row);
            System.out.println("   " + (row.failure() != null ? row.failure() : String.format(Locale.ROOT,
                    "cpu %.1f µs/msg (app %.1f of which handler threads %.1f, JIT %.1f, GC %.1f; rounds %.1f-%.1f; warm-up %.0f s; %.0f msg/s),"
                            + " %.1f KiB per compressed connection (%.1f native + %.1f heap),"
                            + " %.1f KiB per plain one, ratio %.3f, on the wire %s; batches KiB per connection:"
                            + " plain %s, compressed %s", row.result().cpuMicros(),
                    row.result().cpu().applicationMicros(), row.result().cpu().handlerThreadMicros(),
                    row.result().cpu().jitMicros(),
                    row.result().cpu().gcMicros(), row.result().cpu().minCpuMicros(), row.result().cpu().maxCpuMicros(),
                    row.result().cpu().warmupSeconds(), row.result().messagesPerSecond(), row.result().compressedKiB(), row.result().compressedNativeKiB(),
                    row.result().compressedHeapKiB(), row.result().plainKiB(), ratio, onTheWire(row.result()),
                    batches(row.result().plainBatchesKiB()), batches(row.result().compressedBatchesKiB()))));
            Files.writeString(out.resolve("deflate.md"), markdown(rows, connections, memoryConnections, memoryBatches,
                    measure, rounds, nativeClient != null));
        }
        String table = markdown(rows, connections, memoryConnections, memoryBatches, measure, rounds, nativeClient != null);
        // The headline ratio again, both servers running and their windows alternating (see DeflatePairComparison):
        // -Dbench.deflate.pairRounds=0 leaves it out, -Dbench.deflate.pairPreset=POOLED_2KB pairs another preset.
        int pairRounds = Integer.getInteger("bench.deflate.pairRounds", 11);
        String pairPreset = propertyValue(DeflatePreset.valueOf(System.getProperty("bench.deflate.pairPreset", "POOLED_1KB")));
        // Our Tomcat rows only (with bench.deflate.eventLoop the same rows come again on the loop).
        Config baseline = configs.stream().filter(c -> c.peer() == Peer.WSSTACK && c.java25()
                && c.label().contains(BASELINE)).findFirst().orElse(null);
        Config preset = configs.stream().filter(c -> c.peer() == Peer.WSSTACK
                && c.args().equals(List.of("--ws.deflate.preset=" + pairPreset))).findFirst().orElse(null);
        if (pairRounds > 0 && baseline != null && preset != null) {
            System.out.println("== " + preset.label() + " ÷ " + baseline.label() + ", " + pairRounds + " alternating rounds");
            // 2 s of uncounted echoes before each window: with 0.5 s the preset, idle during the baseline's turn,
            // read 8-20 % above its own row while the baseline read the same as its row; with 2 s, 5 %.
            long refill = Long.getLong("bench.deflate.pairRefillMillis", 2000);
            DeflatePairComparison.Outcome pair = DeflatePairComparison.run(baseline.label(),
                    runOf.apply(baseline, "deflate-pair-baseline.log"), preset.label(),
                    runOf.apply(preset, "deflate-pair-preset.log"), pairRounds, refill, measure, 2 * timeoutSeconds);
            Files.writeString(out.resolve("deflate.md"), table
                    + DeflatePairComparison.markdown(pair, connections, refill, measure));
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.println("deflate presets measured in " + seconds / 60 + " min " + seconds % 60 + " s");
        System.out.println(Files.readString(out.resolve("deflate.md")));
        // A worker stuck past its abort must not keep the JVM (and scripts/bench.sh) waiting.
        System.exit(0);
    }

    /** The {@code wsload} binary to drive the servers with, if there is one that speaks permessage-deflate. */
    private static Path nativeClient(String path) {
        if (path.isBlank()) {
            System.out.println("load generator: Netty client (no bench.nativeClient)");
            return null;
        }
        Path binary = Path.of(path);
        if (!Files.isExecutable(binary) || !NativeConnections.speaksDeflate(binary)) {
            System.out.println("load generator: Netty client (" + binary + " missing or built without zlib)");
            return null;
        }
        System.out.println("load generator: " + binary + " (permessage-deflate through zlib)");
        return binary;
    }

    /** "0.372, 100 % compressed": the CPU phase's echoes as the server sent them. */
    private static String onTheWire(DeflateServerRun.Result result) {
        EchoConnections.Wire wire = result.wire();
        if (wire == null || wire.echoes() == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.3f, %.0f %% compressed", wire.ratio(), 100 * wire.compressedShare());
    }

    /** Runs one configuration on a worker thread, giving up after {@code timeoutSeconds}. */
    static Row measure(String label, DeflateServerRun run, double ratio, int timeoutSeconds) {
        FutureTask<DeflateServerRun.Result> task = new FutureTask<>(run::run);
        Thread worker = new Thread(task, "deflate-run");
        worker.setDaemon(true);
        worker.start();
        try {
            return new Row(label, task.get(timeoutSeconds, TimeUnit.SECONDS), ratio, null);
        } catch (TimeoutException e) {
            String stage = run.stage();
            task.cancel(true);
            run.abort();
            return new Row(label, null, ratio, "timed out after " + timeoutSeconds + " s while " + stage);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Row(label, null, ratio, "failed while " + run.stage() + ": " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.abort();
            return new Row(label, null, ratio, "interrupted while " + run.stage());
        }
    }

    private static List<Config> configs(String version17, String version25) {
        List<Config> configs = new ArrayList<>();
        DeflateOptions today = DeflateOptions.builder().threshold(0).build();
        configs.add(new Config("wsstack, java.util.zip, dedicated (" + version17 + ", today's default)", Peer.WSSTACK,
                false, List.of(), today));
        configs.add(new Config("wsstack, java.util.zip, shared (" + version17 + ")", Peer.WSSTACK, false,
                List.of("--ws.deflate.mode=shared"), DeflateOptions.builder().threshold(0).mode(DeflateMode.SHARED).build()));
        // Today's default on the JVM the presets run on (FFM binding switched off): the presets' own baseline,
        // so that "preset ÷ today's dedicated mode" compares one JVM, one JIT, one GC.
        configs.add(new Config("wsstack, java.util.zip, dedicated (" + version25 + ", wsstack.deflate.zlib=jdk)",
                Peer.WSSTACK, true, List.of("-Dwsstack.deflate.zlib=jdk"), List.of(), today));
        for (DeflatePreset preset : DeflatePreset.values()) {
            if (!List.of(System.getProperty("bench.deflate.presets", DEFAULT_PRESETS).split(","))
                    .contains(preset.name())) {
                continue;
            }
            String name = propertyValue(preset);
            configs.add(new Config("wsstack, zlib FFM, " + name + " (" + version25 + ")", Peer.WSSTACK, true,
                    List.of("--ws.deflate.preset=" + name), DeflateOptions.builder().threshold(0).preset(preset).build()));
        }
        configs.add(new Config("wsstack, zlib FFM, shared, dedicated-3kb windows (" + version25 + ")", Peer.WSSTACK, true,
                List.of("--ws.deflate.mode=shared", "--ws.deflate.preset=dedicated-3kb"),
                DeflateOptions.builder().threshold(0).mode(DeflateMode.SHARED).preset(DeflatePreset.DEDICATED_3KB).build()));
        // Pooled mode beyond its presets: a dedicated preset's windows and memory level in pooled mode
        // (-Dbench.deflate.pooledPresets=DEDICATED_3KB,...), or window bits/memory level/compression level
        // (both windows take the same bits; -Dbench.deflate.pooledConfigs=12/5/1,9/3). None by default: the
        // pooled-* presets are the configurations measured to be worth having.
        for (String pooled : System.getProperty("bench.deflate.pooledPresets", "").split(",")) {
            if (pooled.isBlank()) {
                continue;
            }
            DeflatePreset preset = DeflatePreset.valueOf(pooled.trim());
            String name = propertyValue(preset);
            configs.add(new Config("wsstack, zlib FFM, pooled, " + name + " windows (" + version25 + ")", Peer.WSSTACK,
                    true, List.of("--ws.deflate.mode=pooled", "--ws.deflate.preset=" + name),
                    DeflateOptions.builder().threshold(0).preset(preset).mode(DeflateMode.POOLED).build()));
        }
        for (String spec : System.getProperty("bench.deflate.pooledConfigs", "").split(",")) {
            if (!spec.isBlank()) {
                configs.add(pooledConfig(spec.trim(), version25));
            }
        }
        for (Peer peer : List.of(Peer.SPRING, Peer.JETTY, Peer.NETTY)) {
            if (peer.available()) {
                configs.add(new Config(peer.label() + " (" + version17 + ")", peer, false, List.of(), null));
            }
        }
        // -Dbench.deflate.eventLoop=true: each of our Tomcat rows again with the echo handler on the socket loop
        // (ws.endpoints.echo.handler-dispatch=event-loop), which saves the hand-off to the handler lane and back.
        if (Boolean.getBoolean("bench.deflate.eventLoop")) {
            List<Config> loop = new ArrayList<>();
            for (Config c : configs) {
                if (c.peer() == Peer.WSSTACK) {
                    loop.add(new Config(c.label() + ", handlers on the Tomcat loop", Peer.WSSTACK_LOOP, c.java25(),
                            c.jvmOptions(), c.args(), c.ratioOptions()));
                }
            }
            configs.addAll(loop);
        }
        // A quick comparison of a few rows: -Dbench.deflate.only=dedicated-3kb,pooled,Netty (parts of the labels).
        String only = System.getProperty("bench.deflate.only", "");
        if (!only.isBlank()) {
            List<String> parts = List.of(only.split(","));
            configs.removeIf(c -> parts.stream().noneMatch(part -> c.label().contains(part.trim())));
        }
        return configs;
    }

    /**
     * A pooled row from "windowBits/memoryLevel/compressionLevel", or "windowBits/memoryLevel" for the
     * default compression level.
     */
    private static Config pooledConfig(String spec, String version25) {
        String[] parts = spec.split("/");
        if (parts.length != 2 && parts.length != 3) {
            throw new IllegalArgumentException("bench.deflate.pooledConfigs: windowBits/memoryLevel/level, was " + spec);
        }
        int bits = Integer.parseInt(parts[0]);
        int memoryLevel = Integer.parseInt(parts[1]);
        List<String> args = new ArrayList<>(List.of("--ws.deflate.mode=pooled",
                "--ws.deflate.server-max-window-bits=" + bits, "--ws.deflate.client-max-window-bits=" + bits,
                "--ws.deflate.memory-level=" + memoryLevel));
        DeflateOptions.Builder options = DeflateOptions.builder().threshold(0).mode(DeflateMode.POOLED)
                .serverMaxWindowBits(bits).clientMaxWindowBits(bits).memoryLevel(memoryLevel);
        String label = "wsstack, zlib FFM, pooled, " + (1 << bits) + "-byte windows, memory level " + memoryLevel;
        if (parts.length == 3) {
            int level = Integer.parseInt(parts[2]);
            args.add("--ws.deflate.level=" + level);
            options.compressionLevel(level);
            label += ", level " + level;
        }
        return new Config(label + " (" + version25 + ")", Peer.WSSTACK, true, List.copyOf(args), options.build());
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

    private static String markdown(List<Row> rows, int connections, int memoryConnections, int memoryBatches,
                                   long measure, int rounds, boolean nativeClient) {
        StringBuilder md = new StringBuilder();
        md.append("### permessage-deflate presets (issue 16)\n\n")
                .append("Each server in its own JVM, one after the other. CPU: ").append(connections)
                .append(" connections echo varied 1 KiB text messages, one in flight each; after a warm-up that lasts "
                        + "until the JIT compilers use less than ").append(Math.round(DeflateServerRun.JIT_DONE_SHARE * 100))
                .append(" % of the server's CPU, ").append(rounds).append(" windows of ")
                .append(String.format(Locale.ROOT, "%.1f", measure / 1000.0))
                .append(" s; server CPU (user + system) per echoed message in the median window (fastest–slowest "
                        + "window in brackets), and its split by thread: the application's threads (transport, "
                        + "codec, handlers; in brackets the part on our handler threads, where handler runs handed off "
                        + "the socket threads go), the JIT compilers, the GC and VM threads. \"÷ jdk\" = CPU ÷ the row "
                        + "\"java.util.zip, dedicated\" on the same JDK (today's default mode), all threads and "
                        + "application threads only. Every server "
                        + "compresses at zlib's default level 6. Memory: ")
                .append(memoryConnections).append(" plain connections, then as many compressed ones with context "
                        + "takeover on top, each after a few messages, each set opened in ").append(memoryBatches)
                .append(" batches; per connection, in the batch whose growth is the median (so that one-off growth "
                        + "of the process does not count), native = server RSS growth (heap pre-touched), heap = used "
                        + "heap after GC growth; \"compression\" = a compressed connection minus a plain one, and "
                        + "beside it every compressed batch's total. Ratio = compressed ÷ original bytes of the same message "
                        + "sequence (lower is better), computed with ").append(DeflateResources.zlibDescription())
                .append(" at that configuration's window and memory level. On the wire = the server's echoes as "
                        + "sent: frame payload ÷ message bytes, and the share of echoes compressed. Load generator: ")
                .append(nativeClient ? "the native client `wsload` (C, one epoll thread, zlib at level 1 with context "
                        + "takeover, offering client_max_window_bits)" : "Netty's client (zlib at level 1, "
                        + "offering client_max_window_bits)").append(".\n\n")
                .append("| server | CPU µs / message | app threads (handler threads) | JIT | GC | ÷ jdk | warm-up s | messages/s "
                        + "| compressed connection: native KiB | heap KiB | plain connection KiB "
                        + "| compression KiB / connection | compressed batches KiB | ratio | on the wire |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            String ratio = Double.isNaN(r.ratio()) ? "n/a" : String.format(Locale.ROOT, "%.3f", r.ratio());
            if (r.failure() != null) {
                md.append("| ").append(r.label()).append(" | ").append(r.failure().replace('|', '/'))
                        .append(" | | | | | | | | | | | | ").append(ratio).append(" | |\n");
                continue;
            }
            DeflateServerRun.Result m = r.result();
            DeflateServerRun.Echoed cpu = m.cpu();
            md.append(String.format(Locale.ROOT, "| %s | %.0f (%.0f–%.0f) | %.0f%s | %.0f | %.0f | %s | %.0f | %.0f "
                            + "| %.1f | %.1f | %.1f | **%.1f** | %s | %s | %s |%n",
                    r.label(), cpu.cpuMicros(), cpu.minCpuMicros(), cpu.maxCpuMicros(), cpu.applicationMicros(),
                    r.label().startsWith("wsstack") ? String.format(Locale.ROOT, " (%.0f)", cpu.handlerThreadMicros()) : "",
                    cpu.jitMicros(), cpu.gcMicros(), versusBaseline(r, rows), cpu.warmupSeconds(),
                    m.messagesPerSecond(), m.compressedNativeKiB(), m.compressedHeapKiB(), m.plainKiB(),
                    m.deflateKiB(), batches(m.compressedBatchesKiB()), ratio, onTheWire(m)));
        }
        return md.append('\n').toString();
    }

    /** "dedicated-3kb" for {@link DeflatePreset#DEDICATED_3KB}: the value {@code ws.deflate.preset} takes. */
    static String propertyValue(DeflatePreset preset) {
        return preset.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** "5.9 / 6.1 / 24.0": each batch's growth per connection, in the order the batches were opened. */
    static String batches(double[] kiB) {
        if (kiB == null || kiB.length == 0) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (double k : kiB) {
            text.append(text.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.1f", k));
        }
        return text.toString();
    }

    /**
     * CPU per message ÷ that of today's default (java.util.zip, dedicated) on the same JDK, all threads
     * and the application's threads only, e.g. "0.45x (app 0.43x)";
     * "" for the baselines themselves and when the baseline has no figure.
     */
    static String versusBaseline(Row row, List<Row> rows) {
        if (row.result() == null || row.label().contains(BASELINE)) {
            return "";
        }
        String jdk = jdkOf(row.label());
        for (Row other : rows) {
            if (other.result() != null && other.label().contains(BASELINE) && jdkOf(other.label()).equals(jdk)) {
                return String.format(Locale.ROOT, "%.2fx (app %.2fx)", row.result().cpuMicros() / other.result().cpuMicros(),
                        row.result().cpu().applicationMicros() / other.result().cpu().applicationMicros());
            }
        }
        return "";
    }

    /** What every row's label has for today's default mode. */
    private static final String BASELINE = "java.util.zip, dedicated";

    /** "JDK 25" from "wsstack, zlib FFM, dedicated-3kb (JDK 25)": the JDK a row ran on, the last bracket's first word pair. */
    private static String jdkOf(String label) {
        int open = label.lastIndexOf('(');
        String inside = open < 0 ? "" : label.substring(open + 1);
        String[] words = inside.split("[ ,)]+");
        return words.length >= 2 ? words[0] + " " + words[1] : inside;
    }
}
