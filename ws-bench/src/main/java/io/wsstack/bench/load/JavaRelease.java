package io.wsstack.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Names the JDK a {@code java} binary belongs to, for report labels that must say what really ran. */
final class JavaRelease {

    private JavaRelease() {
    }

    /**
     * "JDK 17" from the {@code JAVA_VERSION="17.0.15"} line of the JDK's {@code release} file
     * ({@code bin/java}'s grandparent directory, symbolic links resolved), or the path itself when
     * there is none.
     */
    static String of(String java) {
        try {
            Path home = Path.of(java).toRealPath().getParent().getParent();
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    int dot = version.indexOf('.');
                    return "JDK " + (dot < 0 ? version : version.substring(0, dot));
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: the label then names the binary
        }
        return java;
    }
}
