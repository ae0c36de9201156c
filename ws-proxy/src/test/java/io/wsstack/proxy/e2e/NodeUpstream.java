package io.wsstack.proxy.e2e;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Upstream (b): the Node {@code ws} echo server of {@code interop/node/engine-peer.js}, with
 * permessage-deflate and context takeover, started once per JVM.
 */
final class NodeUpstream {

    private static Process process;
    private static int port;

    private NodeUpstream() {
    }

    static synchronized int port() {
        if (process == null) {
            try {
                Path root = repositoryRoot();
                process = new ProcessBuilder("node", root.resolve("interop/node/engine-peer.js").toString(), "server",
                        "takeover").directory(root.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                if (line == null || !line.startsWith("PORT ")) {
                    throw new IllegalStateException("node engine-peer.js did not print its port: " + line);
                }
                port = Integer.parseInt(line.substring(5).trim());
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the Node ws upstream", e);
            }
        }
        return port;
    }

    /** The repository root: the nearest folder above the module that holds {@code interop/}. */
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
