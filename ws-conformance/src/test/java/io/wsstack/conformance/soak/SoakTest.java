package io.wsstack.conformance.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.conformance.target.StarterEchoTarget;
import io.wsstack.conformance.wire.Expect;
import io.wsstack.conformance.wire.Frame;
import io.wsstack.conformance.wire.RawClient;
import io.wsstack.core.deflate.DeflateResources;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On demand only ({@code soak} is excluded by default): 1000 compressed connections to the
 * starter's echo endpoint on Tomcat for 60 seconds (override with {@code -Dsoak.seconds}), each
 * exchanging messages while about one exchange in fifty drops its connection at random (FIN, RST,
 * or RST in the middle of a frame) and opens a new one. Afterwards every connection is closed and
 * the run reports, and asserts, that sessions, Deflater/Inflater counts, file descriptors and
 * retained heap are back to their baseline.
 */
@Tag("soak")
class SoakTest {

    private static final int CONNECTIONS = Integer.getInteger("soak.connections", 1000);
    private static final int SECONDS = Integer.getInteger("soak.seconds", 60);
    private static final int WORKERS = 16;
    private static final String DEFLATE = "permessage-deflate; client_no_context_takeover; client_max_window_bits";

    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong drops = new AtomicLong();

    @Test
    void thousandCompressedConnectionsWithRandomDrops() throws Exception {
        try (StarterEchoTarget target = StarterEchoTarget.start(Map.of())) {
            long deflaters = DeflateResources.liveDeflaters();
            long inflaters = DeflateResources.liveInflaters();
            int fds = openFileDescriptors();
            long heap = retainedHeap();

            ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int share = CONNECTIONS / WORKERS + (w < CONNECTIONS % WORKERS ? 1 : 0);
                long seed = w;
                running.add(workers.submit(() -> {
                    work(target, share, end, new Random(seed));
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            workers.shutdown();

            await(() -> target.openSessions() == 0);
            await(() -> DeflateResources.liveDeflaters() == deflaters && DeflateResources.liveInflaters() == inflaters);
            await(() -> openFileDescriptors() <= fds + 8);
            long heapAfter = retainedHeap();
            System.out.printf("soak: %d connections, %d s, %d messages, %d random drops; after: sessions %d, "
                            + "deflaters %d (baseline %d), inflaters %d (baseline %d), fds %d (baseline %d), heap %d MiB (baseline %d MiB)%n",
                    CONNECTIONS, SECONDS, messages.get(), drops.get(), target.openSessions(),
                    DeflateResources.liveDeflaters(), deflaters, DeflateResources.liveInflaters(), inflaters,
                    openFileDescriptors(), fds, heapAfter >> 20, heap >> 20);
            assertThat(heapAfter).isLessThanOrEqualTo(heap + 64L * 1024 * 1024);
        }
    }

    /** One worker: keeps {@code share} connections busy until {@code end}, dropping some at random. */
    private void work(StarterEchoTarget target, int share, long end, Random random) throws IOException {
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < share; i++) {
                clients.add(RawClient.connect(target.address(), target.path(), DEFLATE));
            }
            while (System.nanoTime() < end) {
                int i = random.nextInt(clients.size());
                RawClient c = clients.get(i);
                byte[] message = new byte[16 + random.nextInt(8 * 1024)];
                for (int k = 0; k < message.length; k++) {
                    message[k] = (byte) ('a' + random.nextInt(4));
                }
                if (random.nextInt(50) == 0) {
                    drop(c, random, message);
                    drops.incrementAndGet();
                    clients.set(i, RawClient.connect(target.address(), target.path(), DEFLATE));
                    continue;
                }
                c.sendCompressed(Frame.BINARY, message, 0);
                Expect.echo(c, Frame.BINARY, message);
                messages.incrementAndGet();
            }
        } finally {
            for (RawClient c : clients) {
                c.close();
            }
        }
    }

    /** Ends a connection abruptly: FIN, RST, or RST after half a compressed frame. */
    private static void drop(RawClient c, Random random, byte[] message) throws IOException {
        switch (random.nextInt(3)) {
            case 0 -> c.close();
            case 1 -> {
                c.socket().setSoLinger(true, 0);
                c.close();
            }
            default -> {
                byte[] frame = c.frames().frame(true, 4, Frame.BINARY, message);
                c.send(Arrays.copyOf(frame, frame.length / 2));
                c.socket().setSoLinger(true, 0);
                c.close();
            }
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("resources back to baseline within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static int openFileDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    private static long retainedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
