package io.wsstack.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket server in another language, run from the repository's {@code interop/} folder:
 * Node's {@code ws} ({@code engine-peer.js}) and Python's {@code websockets} ({@code engine_peer.py}).
 * Each echoes every message, with permessage-deflate in the mode given; closing its stdin stops it.
 */
final class ExternalServer implements AutoCloseable {

    /** Which implementation. */
    enum Kind {
        NODE_WS("node", "interop/node/engine-peer.js"),
        PYTHON_WEBSOCKETS("/usr/bin/python3", "interop/python/engine_peer.py");

        private final String interpreter;
        private final String script;

        Kind(String interpreter, String script) {
            this.interpreter = interpreter;
            this.script = script;
        }
    }

    private final Process process;
    private final int port;

    private ExternalServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server in {@code mode} ("takeover" or "no-takeover") and waits for its port. */
    static ExternalServer start(Kind kind, String mode) throws IOException {
        Path root = repositoryRoot();
        Process process = new ProcessBuilder(List.of(kind.interpreter, root.resolve(kind.script).toString(), "server", mode))
                .directory(root.toFile()).redirectErrorStream(true).start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("PORT ")) {
                return new ExternalServer(process, Integer.parseInt(line.substring(5).trim()));
            }
            seen.append(line).append('\n');
        }
        process.destroyForcibly();
        throw new IOException(kind + " exited without announcing its port:\n" + seen);
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static Path repositoryRoot() {
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("interop"))) {
                return p;
            }
        }
        throw new IllegalStateException("no interop/ folder above " + System.getProperty("user.dir"));
    }
}
