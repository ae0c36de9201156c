package io.wsstack.bench.load;

import io.wsstack.bench.server.AdminPort;
import io.wsstack.bench.server.ServerArgs;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Echo "servers" that fail in the ways a harness must survive; each runs as its own process. */
final class StuckServers {

    private StuckServers() {
    }

    /** Starts but never becomes ready: no admin port. */
    static final class NeverReady {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Ready (admin port open) and accepts connections, but never answers a WebSocket handshake. */
    static final class Mute {
        public static void main(String[] args) throws Exception {
            ServerArgs options = ServerArgs.parse(args);
            ServerSocket socket = new ServerSocket(options.port(), 1000, InetAddress.getLoopbackAddress());
            AdminPort.open(options.adminPort());
            List<Socket> held = new ArrayList<>();
            while (true) {
                held.add(socket.accept()); // read nothing, answer nothing, close nothing
            }
        }
    }
}
