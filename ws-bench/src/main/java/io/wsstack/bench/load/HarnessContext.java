package io.wsstack.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What a {@link Measurement} works with: the settings, the shared load generator, the peers'
 * servers (started and warmed once, in peer order), the peers that could not be started and why,
 * and a way to start further server processes.
 */
final class HarnessContext implements AutoCloseable {

    private final HarnessSettings settings;
    private final LoadClient client;
    private final List<PeerRunner> runners = new ArrayList<>();
    private final Map<Peer, String> unavailable = new LinkedHashMap<>();
    private final List<ServerProcess> extraServers = new ArrayList<>();

    HarnessContext(HarnessSettings settings) {
        this.settings = settings;
        this.client = new LoadClient(settings.clientThreads());
    }

    HarnessSettings settings() {
        return settings;
    }

    LoadClient client() {
        return client;
    }

    Path out() {
        return settings.out();
    }

    /** The started servers, in the order of {@code bench.peers}. */
    List<PeerRunner> runners() {
        return runners;
    }

    /** Peers that were asked for but have no server, with the reason. */
    Map<Peer, String> unavailable() {
        return unavailable;
    }

    /**
     * Starts every selected peer's JVM at once (start-up is not measured, and on a shared machine
     * starting six Boot applications one after the other takes minutes), then warms them one at a
     * time; those that fail are noted with the reason.
     */
    void startPeers() throws InterruptedException {
        Map<Peer, CompletableFuture<ServerProcess>> starting = new LinkedHashMap<>();
        for (Peer peer : settings.peers()) {
            if (!peer.available()) {
                unavailable.put(peer, "not available: " + peer.mainClass() + " is not built");
                System.out.println("== " + peer.label() + ": " + unavailable.get(peer));
                continue;
            }
            starting.put(peer, CompletableFuture.supplyAsync(() -> {
                try {
                    return ServerProcess.start(peer.mainClass(), peer.options(), log(peer.cliName()));
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, runnable -> new Thread(runnable, "start-" + peer.cliName()).start()));
        }
        for (Map.Entry<Peer, CompletableFuture<ServerProcess>> entry : starting.entrySet()) {
            Peer peer = entry.getKey();
            ServerProcess server = null;
            try {
                server = entry.getValue().join();
                System.out.println("== " + peer.label() + ": started (pid " + server.pid() + ", port "
                        + server.port() + "), warming up");
                PeerRunner runner = new PeerRunner(peer, server, client, settings);
                runner.warmUp();
                runners.add(runner);
            } catch (Exception e) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                unavailable.put(peer, "failed to start: " + cause);
                System.out.println("== " + peer.label() + ": " + unavailable.get(peer));
                if (server != null) {
                    server.close();
                }
            }
        }
    }

    /**
     * Starts one more server process (for measurements that need servers other than the peers,
     * e.g. two instances behind one Redis); it is stopped when the harness ends.
     */
    ServerProcess startServer(String mainClass, List<String> options, String logName) throws Exception {
        ServerProcess server = ServerProcess.start(mainClass, options, log(logName));
        extraServers.add(server);
        return server;
    }

    private Path log(String name) {
        return settings.out().resolve("logs").resolve(name.toLowerCase(Locale.ROOT) + ".log");
    }

    @Override
    public void close() throws InterruptedException {
        client.close();
        for (PeerRunner runner : runners) {
            runner.server().close();
        }
        for (ServerProcess server : extraServers) {
            server.close();
        }
    }
}
