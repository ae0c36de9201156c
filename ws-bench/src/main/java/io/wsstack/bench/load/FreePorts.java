package io.wsstack.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Finds loopback ports nobody is listening on, for a server's WebSocket port and its admin port. */
final class FreePorts {

    private FreePorts() {
    }

    /** Candidates lie below Linux's default ephemeral range (32768–60999), see {@link #pair}. */
    static final int LOWEST = 20_000;
    static final int HIGHEST = 32_000;

    /**
     * A port {@code p} such that {@code p} and {@code p + 1} were both free a moment ago. (A race
     * with another process remains possible; the server then fails to start and is reported.)
     *
     * <p>The ports are taken from below the kernel's ephemeral range: a port in that range can be
     * handed to any outgoing connection (the load generator's own, or another build's) while a
     * server is still starting, and a readiness probe polling a not yet listening port there can even
     * connect to itself (TCP simultaneous open), which then both fakes readiness and keeps the
     * server from binding its admin port.
     */
    static int pair() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (free(port) && free(port + 1)) {
                return port;
            }
        }
        throw new IOException("no two adjacent free ports found between " + LOWEST + " and " + HIGHEST);
    }

    private static boolean free(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
