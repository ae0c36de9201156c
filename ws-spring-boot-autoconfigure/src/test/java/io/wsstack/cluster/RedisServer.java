package io.wsstack.cluster;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (the Debian package, installed by scripts/install-test-peers.sh) on
 * a free port, without persistence, that a test can kill and start again on the same port.
 */
final class RedisServer implements AutoCloseable {

    private final int port;
    private final Path dir;
    private Process process;

    private RedisServer(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    static RedisServer start() throws Exception {
        RedisServer server = new RedisServer(freePort(), Files.createTempDirectory("redis-test"));
        server.startAgain();
        return server;
    }

    int port() {
        return port;
    }

    /** Starts the server (again) on its port and waits until it answers. */
    void startAgain() throws Exception {
        String binary = new File("/usr/bin/redis-server").canExecute() ? "/usr/bin/redis-server" : "redis-server";
        process = new ProcessBuilder(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--enable-debug-command", "yes", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            }
            catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port + ": " + Files.readString(dir.resolve("redis.log")));
    }

    /** Kills the server at once (SIGKILL): clients see their connections drop, nothing is saved. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Runs commands on a short-lived connection of the test's own. */
    <T> T call(java.util.function.Function<RedisCommands<String, String>, T> commands) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        client.setDefaultTimeout(Duration.ofSeconds(5));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return commands.apply(connection.sync());
        }
        finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** Subscribers of a channel across all clients (PUBSUB NUMSUB). */
    long subscribers(String channel) {
        return call(redis -> redis.pubsubNumsub(channel).getOrDefault(channel, 0L));
    }

    /** Spring Boot arguments that point an application at this server. */
    List<String> springArgs() {
        return List.of("--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + port,
                "--spring.data.redis.timeout=10s", "--spring.data.redis.connect-timeout=2s");
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            kill();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
