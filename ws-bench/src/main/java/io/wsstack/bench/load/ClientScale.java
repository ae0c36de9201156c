package io.wsstack.bench.load;

import io.wsstack.client.WsClient;
import io.wsstack.client.WsClientListener;
import io.wsstack.client.WsClientRequest;
import io.wsstack.client.WsClientSession;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client-scale figure: one {@link WsClient} opens {@code bench.clientSessions} (10,000) sessions to
 * a local echo server (Netty, in its own JVM so that only the client is measured), proves each alive
 * with one echoed message, and reports what a session costs the client: heap after full GCs, platform
 * threads and resident memory, each divided by the number of sessions. Compression is off, so the
 * figure is the session itself; a negotiated permessage-deflate context adds its own native zlib
 * memory. On Java 21+ the session's reader and writer are virtual threads, on Java 17 platform threads.
 *
 * <p>Writes {@code client-scale.md} into {@code bench.out} (default {@code benchmarks}) and appends one
 * row per run, so runs on different JDKs end up side by side.
 */
public final class ClientScale {

    private ClientScale() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = Integer.getInteger("bench.clientSessions", 10_000);
        int wave = Integer.getInteger("bench.clientWave", 250);
        Path out = Path.of(System.getProperty("bench.out", "benchmarks"));
        Files.createDirectories(out);
        try (ServerProcess server = ServerProcess.start(Peer.NETTY.mainClass(), List.of(), out.resolve("client-scale-server.log"))) {
            Row row = measure(server, sessions, wave);
            System.out.println(row.markdown());
            write(out.resolve("client-scale.md"), row);
        }
    }

    private record Row(String jdk, boolean virtual, int sessions, long heapPerSession, double threadsPerSession,
            long rssPerSession, int platformThreads, Duration openTime) {

        String markdown() {
            return String.format(Locale.ROOT, "| %s | %s | %,d | %,d B | %.3f (%d in all) | %,d B | %.1f s |", jdk,
                    virtual ? "virtual" : "platform", sessions, heapPerSession, threadsPerSession, platformThreads,
                    rssPerSession, openTime.toMillis() / 1000.0);
        }
    }

    private static Row measure(ServerProcess server, int sessions, int wave) throws Exception {
        long self = ProcessHandle.current().pid();
        AtomicInteger echoes = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean virtualReader = new java.util.concurrent.atomic.AtomicBoolean();
        WsClientListener listener = new WsClientListener() {
            @Override
            public void onText(WsClientSession session, String text) {
                echoes.incrementAndGet();
                virtualReader.set(isVirtual(Thread.currentThread()));
            }
        };
        try (WsClient client = WsClient.builder().noCompression().connectTimeout(Duration.ofSeconds(30))
                .handshakeTimeout(Duration.ofSeconds(30)).build()) {
            // Warm the code paths so that class loading and JIT do not count as session cost.
            client.connect(server.echoUri(), listener).get(30, TimeUnit.SECONDS).close().get(30, TimeUnit.SECONDS);
            long heapBefore = usedHeapAfterGc();
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            long rssBefore = ProcStats.rssBytes(self);
            echoes.set(0);

            long start = System.nanoTime();
            List<WsClientSession> open = new ArrayList<>(sessions);
            for (int i = 0; i < sessions; i += wave) {
                List<CompletableFuture<WsClientSession>> opening = new ArrayList<>(wave);
                for (int j = i; j < Math.min(sessions, i + wave); j++) {
                    opening.add(client.connect(server.echoUri(), WsClientRequest.of(listener)));
                }
                for (CompletableFuture<WsClientSession> f : opening) {
                    open.add(f.get(60, TimeUnit.SECONDS));
                }
            }
            Duration openTime = Duration.ofNanos(System.nanoTime() - start);
            for (WsClientSession session : open) {
                session.sendText("alive?");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (echoes.get() < sessions && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (echoes.get() < sessions) {
                throw new IllegalStateException("only " + echoes.get() + " of " + sessions + " sessions echoed");
            }
            long heapAfter = usedHeapAfterGc();
            int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
            long rssAfter = ProcStats.rssBytes(self);
            boolean virtual = virtualReader.get();
            return new Row("Java " + Runtime.version().feature(), virtual, sessions, (heapAfter - heapBefore) / sessions,
                    (double) (threadsAfter - threadsBefore) / sessions, (rssAfter - rssBefore) / sessions, threadsAfter,
                    openTime);
        }
    }

    /** {@code Thread.isVirtual()}, looked up reflectively: this module is compiled for Java 17. */
    private static boolean isVirtual(Thread thread) {
        try {
            return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        } catch (ReflectiveOperationException notOnThisJdk) {
            return false;
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void write(Path file, Row row) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, "### Client scale: one WsClient, many sessions to a local echo server\n\n"
                    + "| JDK | reader/writer threads | sessions | heap per session | platform threads per session | RSS per session | time to open all |\n"
                    + "|---|---|---|---|---|---|---|\n");
        }
        Files.writeString(file, row.markdown() + "\n", java.nio.file.StandardOpenOption.APPEND);
    }

    /** A port whose successor (the server's admin port) is free as well. */}
