package io.wsstack.core.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket implementation in another language, run as a child process from the
 * repository's {@code interop/} folder: Node's {@code ws} and Python's {@code websockets}.
 * {@code scripts/install-test-peers.sh} installs both.
 */
enum ExternalPeer {
    NODE_WS("node", "interop/node/engine-peer.js"),
    PYTHON_WEBSOCKETS("/usr/bin/python3", "interop/python/engine_peer.py");

    private final String interpreter;
    private final String script;

    ExternalPeer(String interpreter, String script) {
        this.interpreter = interpreter;
        this.script = script;
    }

    /** Starts the peer with these arguments; stderr is merged into stdout. */
    Process start(String... args) throws IOException {
        Path root = repositoryRoot();
        List<String> command = new ArrayList<>(List.of(interpreter, root.resolve(script).toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
    }

    /** Runs the peer to completion and returns its exit code and output. */
    Result run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        Process process = start(args);
        process.getOutputStream().close();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(finished ? process.exitValue() : -1, output);
    }

    /** Reads lines until one starts with {@code PORT }, and returns the port the peer listens on. */
    static int awaitPort(Process process) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("PORT ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
            seen.append(line).append('\n');
        }
        throw new IOException("peer exited without announcing its port:\n" + seen);
    }

    static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("interop"))) {
                return p;
            }
        }
        throw new IllegalStateException("no interop/ folder above " + dir);
    }

    /** What a finished peer printed. */
    record Result(int exitCode, String output) {
    }
}
