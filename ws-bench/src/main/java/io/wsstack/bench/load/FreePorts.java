package io.wsstack.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds loopback ports nobody is listening on, for a server's WebSocket port and its admin port. */
final class FreePorts {

    private FreePorts() {
    }

    /**
     * A port {@code p} such that {@code p} and {@code p + 1} were both free a moment ago. (A race
     * with another process remains possible; the server then fails to start and is reported.)
     */
    static int pair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            if (port < 65535 && free(port + 1)) {
                return port;
            }
        }
        throw new IOException("no two adjacent free ports found");
    }

    private static boolean free(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
