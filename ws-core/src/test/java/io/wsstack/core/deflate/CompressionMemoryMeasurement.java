package io.wsstack.core.deflate;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.wsstack.core.Role;
import io.wsstack.core.extension.ExtensionHeaderParser;
import io.wsstack.core.extension.MessageCompression;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prints (does not assert) what 200 compressed connections retain in dedicated and shared mode.
 *
 * <p>zlib memory is native, outside the Java heap, so the heap figure alone says little. zlib's own
 * sizing rule (zconf.h) is {@code (1 << (windowBits + 2)) + (1 << (memLevel + 9))} bytes for a
 * compressor, 256 KiB with the window bits 15 and memLevel 8 that java.util.zip uses, and
 * {@code 1 << windowBits} = 32 KiB plus about 7 KiB of state for a decompressor. The estimate below
 * multiplies the live stream counts by those figures: it is what zlib reserves. The resident set size
 * delta printed beside it (Linux only) is usually far smaller, because pages of the window and hash
 * tables that short messages never touch are not resident yet; a busy connection grows towards the
 * estimate.
 */
@Tag("measurement")
class CompressionMemoryMeasurement {

    private static final int CONNECTIONS = 200;
    private static final long DEFLATER_NATIVE = 256 * 1024 + 6 * 1024;
    private static final long INFLATER_NATIVE = 32 * 1024 + 7 * 1024;

    @Test
    @DisplayName("RFC 7692 §7.1.1: retained memory per compressed connection, dedicated vs shared (printed)")
    void measure() {
        for (DeflateMode mode : DeflateMode.values()) {
            report(mode);
        }
    }

    private static void report(DeflateMode mode) {
        DeflateOptions options = DeflateOptions.builder().mode(mode).threshold(0).build();
        byte[] message = "{\"event\":\"price\",\"symbol\":\"ABC\",\"bid\":101.25,\"ask\":101.27}".getBytes(US_ASCII);
        long deflatersBefore = DeflateResources.liveDeflaters();
        long inflatersBefore = DeflateResources.liveInflaters();
        long heapBefore = usedHeapAfterGc();
        long rssBefore = residentSetSize();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getThreadAllocatedBytes(Thread.currentThread().getId());

        List<MessageCompression> connections = new ArrayList<>(CONNECTIONS);
        try (ServerDeflateNegotiator server = new ServerDeflateNegotiator(options);
             ClientDeflateNegotiator client = new ClientDeflateNegotiator(options)) {
            NegotiatedDeflate serverSide = server.negotiate(ExtensionHeaderParser.parseLenient("permessage-deflate")).orElseThrow();
            NegotiatedDeflate clientSide = client.accept(List.of(serverSide.responseElement())).orElseThrow();
            try (MessageCompression peer = clientSide.newCompression(Role.CLIENT)) {
                // The first message of a fresh context refers to nothing earlier, so every connection can take it.
                byte[] compressed = Codecs.compress(peer, message);
                for (int i = 0; i < CONNECTIONS; i++) {
                    MessageCompression connection = serverSide.newCompression(Role.SERVER);
                    Codecs.inflate(connection, List.of(compressed));
                    Codecs.compress(connection, message);
                    connections.add(connection);
                }
                long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocatedBefore;
                long heap = usedHeapAfterGc() - heapBefore;
                long rss = residentSetSize() - rssBefore;
                long deflaters = DeflateResources.liveDeflaters() - deflatersBefore;
                long inflaters = DeflateResources.liveInflaters() - inflatersBefore;
                long nativeEstimate = deflaters * DEFLATER_NATIVE + inflaters * INFLATER_NATIVE;
                System.out.printf("[measurement] permessage-deflate %s, %d connections (+1 peer): live deflaters=%d,"
                                + " inflaters=%d; retained heap %.1f KiB/connection; native estimate %.1f KiB/connection;"
                                + " RSS delta %.1f KiB/connection; allocated during setup %.1f KiB/connection%n",
                        mode, CONNECTIONS, deflaters, inflaters, heap / 1024.0 / CONNECTIONS,
                        nativeEstimate / 1024.0 / CONNECTIONS, rss / 1024.0 / CONNECTIONS,
                        allocated / 1024.0 / CONNECTIONS);
                connections.forEach(MessageCompression::close);
            }
        }
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Resident set size in bytes from /proc/self/statm, or 0 where that file does not exist. */
    private static long residentSetSize() {
        try {
            String[] fields = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
            return Long.parseLong(fields[1]) * 4096;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
