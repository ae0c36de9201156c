package io.wsstack.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    /** Starts and warms every selected peer; those that fail are noted with the reason. */
    void startPeers() throws InterruptedException {
        for (Peer peer : settings.peers()) {
            if (!peer.available()) {
                unavailable.put(peer, "not available: " + peer.mainClass() + " is not built");
                System.out.println("== " + peer.label() + ": " + unavailable.get(peer));
                continue;
            }
            ServerProcess server = null;
            try {
                server = ServerProcess.start(peer.mainClass(), peer.options(), log(peer.cliName()));
                System.out.println("== " + peer.label() + ": started (pid " + server.pid() + ", port "
                        + server.port() + "), warming up");
                PeerRunner runner = new PeerRunner(peer, server, client, settings);
                runner.warmUp();
                runners.add(runner);
            } catch (Exception e) {
                unavailable.put(peer, "failed to start: " + e);
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
