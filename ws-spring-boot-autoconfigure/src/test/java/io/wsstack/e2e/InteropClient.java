package io.wsstack.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a client of another WebSocket implementation as a child process: the Node {@code ws} script
 * in {@code interop/node/} or the Python {@code websockets} script in {@code interop/python/}. Each
 * prints {@code key=value} lines and {@code done}; the output is returned for the test to assert on,
 * and included in the failure message when the run fails.
 */
enum InteropClient {

    NODE("node", "interop/node/client.js"),
    PYTHON("/usr/bin/python3", "interop/python/client.py");

    private static final long TIMEOUT_SECONDS = 30;

    private final String executable;
    private final String script;

    InteropClient(String executable, String script) {
        this.executable = executable;
        this.script = script;
    }

    /** Runs one scenario against {@code url}; returns the output lines of a successful run. */
    List<String> run(String url, String scenario) throws IOException, InterruptedException {
        Path root = repositoryRoot();
        if (this == NODE && !Files.isDirectory(root.resolve("interop/node/node_modules"))) {
            exec(root.resolve("interop/node"), 120, "npm", "ci", "--no-audit", "--no-fund");
        }
        String output = exec(root, TIMEOUT_SECONDS, executable, root.resolve(script).toString(), url, scenario);
        List<String> lines = output.lines().toList();
        if (!lines.contains("done")) {
            throw new AssertionError(this + " client, scenario " + scenario + ", did not finish:\n" + output);
        }
        return lines;
    }

    private static String exec(Path dir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " timed out after " + timeoutSeconds + " s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + output);
        }
        return output;
    }

    /** The repository root: the nearest folder, walking up from the module, that holds {@code interop/}. */
    static Path repositoryRoot() {
        File dir = new File(System.getProperty("user.dir")).getAbsoluteFile();
        while (dir != null && !new File(dir, "interop").isDirectory()) {
            dir = dir.getParentFile();
        }
        if (dir == null) {
            throw new IllegalStateException("no interop/ folder above " + System.getProperty("user.dir"));
        }
        return dir.toPath();
    }
}
