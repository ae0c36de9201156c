package io.wsstack.bench.load;

import io.netty.buffer.ByteBuf;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Connections of the native load generator: one {@code wsload} process (ws-bench/src/main/c/wsload.c,
 * built by scripts/bench.sh) holding all of them, driven over its standard input and output.
 *
 * <p>Why a second generator: on two cores the generator and the server share the CPU, and the Netty
 * client spends several times a lean server's CPU per message, so it starves every server alike
 * and flattens their differences. The C client spends well under a microsecond per message
 * without compression; with permessage-deflate it compresses at zlib's level 1, a few microseconds
 * for a 1 KiB message, where Netty's client spends far more.
 */
final class NativeConnections implements EchoConnections {

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final Path payloadDir;
    /** The file each message set was written to for this process (sets are few and live for the run). */
    private final Map<PayloadSet, Path> payloadFiles = new IdentityHashMap<>();

    private NativeConnections(Process process, Path payloadDir) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.US_ASCII);
        this.payloadDir = payloadDir;
    }

    /**
     * Whether {@code binary} was built with zlib and so speaks permessage-deflate ({@code wsload
     * --features} lists "deflate"); without zlib the harnesses drive compressed connections with Netty.
     */
    static boolean speaksDeflate(Path binary) {
        try {
            Process process = new ProcessBuilder(binary.toString(), "--features")
                    .redirectErrorStream(true).start();
            String features = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            process.waitFor(10, TimeUnit.SECONDS);
            return features.contains("deflate");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Starts {@code binary} and waits until its {@code count} connections to {@code uri} are open.
     *
     * @throws IllegalStateException if a connection or handshake fails
     */
    static NativeConnections open(Path binary, URI uri, int count, Path payloadDir) throws InterruptedException {
        return open(binary, uri, count, payloadDir, false);
    }

    /**
     * The same, each connection offering permessage-deflate with {@code client_max_window_bits} when
     * {@code deflate} is set (a server that declines fails the opening, as with the Netty client).
     */
    static NativeConnections open(Path binary, URI uri, int count, Path payloadDir, boolean deflate)
            throws InterruptedException {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(binary.toString(), uri.getHost(),
                    String.valueOf(uri.getPort()), uri.getRawPath(), String.valueOf(count));
            if (deflate) {
                builder.command().add("deflate");
            }
            process = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + binary + ": " + e.getMessage(), e);
        }
        NativeConnections connections = new NativeConnections(process, payloadDir);
        try {
            String line = connections.out.readLine();
            if (!"READY".equals(line)) {
                connections.close();
                throw new IllegalStateException("could not open " + count + " connections to " + uri + ": "
                        + (line == null ? "wsload exited" : line));
            }
        } catch (IOException e) {
            connections.close();
            throw new IllegalStateException("wsload failed: " + e.getMessage(), e);
        }
        return connections;
    }

    @Override
    public Outcome run(PayloadSet messages, int inFlight, int stride, long warmupNanos, long measureNanos,
                       Window window) throws IOException {
        Path payloads = payloadFile(messages);
        in.printf("PHASE %d %d %d %s %d%n", inFlight, TimeUnit.NANOSECONDS.toMillis(warmupNanos),
                TimeUnit.NANOSECONDS.toMillis(measureNanos), payloads, stride);
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals("MEASURE")) {
                window.opened();
            } else if (line.equals("END")) {
                window.closed();
            } else if (line.startsWith("RESULT ")) {
                String[] f = line.split(" ");
                return new Outcome(Long.parseLong(f[1]), Long.parseLong(f[4]), Long.parseLong(f[5]),
                        Long.parseLong(f[6]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                        new Wire(Long.parseLong(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9]),
                                Long.parseLong(f[10])));
            } else if (line.startsWith("FAILED")) {
                throw new IOException("wsload: " + line);
            }
        }
        throw new IOException("wsload exited during a phase");
    }

    /** The messages (the same {@link PayloadSet} the Netty client sends), written once per set. */
    private Path payloadFile(PayloadSet set) throws IOException {
        Path file = payloadFiles.get(set);
        if (file != null) {
            return file;
        }
        Path partial = Files.createTempFile(payloadDir, "payloads", ".part");
        file = partial.resolveSibling(partial.getFileName().toString().replace(".part", ".bin"));
        try (OutputStream stream = Files.newOutputStream(partial);
             DataOutputStream data = new DataOutputStream(stream)) {
            data.write(littleEndian(set.size()));
            for (int i = 0; i < set.size(); i++) {
                ByteBuf message = set.get(i);
                byte[] bytes = new byte[message.readableBytes()];
                message.getBytes(message.readerIndex(), bytes);
                data.write(littleEndian(bytes.length));
                data.write(bytes);
            }
        }
        Files.move(partial, file);
        payloadFiles.put(set, file);
        return file;
    }

    private static byte[] littleEndian(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    @Override
    public void close() {
        for (Path file : payloadFiles.values()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover in the logs folder is harmless
            }
        }
        in.println("QUIT");
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
