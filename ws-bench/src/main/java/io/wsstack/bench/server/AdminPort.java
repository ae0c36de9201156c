package io.wsstack.bench.server;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A tiny loopback socket every echo server opens once it is ready to serve, so the harness learns
 * two things without JMX or HTTP: that the server is up (the port accepts), and how much heap it
 * uses after garbage collection (the one line it answers to every connection).
 *
 * <p>The answer is the used heap in bytes after three {@link System#gc()} calls, which on G1 are
 * full collections; that is what makes "heap per idle connection" a difference of live data rather
 * than of garbage.
 */
public final class AdminPort {

    private AdminPort() {
    }

    /** Opens the admin port on 127.0.0.1 in a daemon thread and returns at once. */
    public static void open(int port) throws IOException {
        ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> serve(socket), "bench-admin");
        thread.setDaemon(true);
        thread.start();
        System.out.println("READY admin=" + port);
    }

    private static void serve(ServerSocket socket) {
        while (true) {
            try (Socket client = socket.accept(); OutputStream out = client.getOutputStream()) {
                out.write((usedHeapAfterGc() + "\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // A harness that hung up early costs nothing; keep serving.
            }
        }
    }

    /** Used heap in bytes once the collector has had three chances to free everything unreachable. */
    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The admin port of a server listening on {@code port}: the next one up. */
    public static int adminPortFor(int port) {
        return port + 1;
    }
}
