package io.wsstack.core.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wsstack.core.extension.ExtensionHeaderParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Which zlib a JVM uses: the FFM binding on Java 22+ (this class runs in both surefire executions,
 * JDK 17 and JDK 25), java.util.zip below, and java.util.zip with exactly one log line when the
 * system zlib cannot be loaded.
 */
class ZlibSelectionTest {

    @Test
    @DisplayName("issue 16: Java 22+ compresses through the system zlib (FFM), Java 17 through java.util.zip")
    void bindingFollowsTheJavaVersion() {
        if (Runtime.version().feature() >= 22) {
            assertThat(DeflateResources.smallWindowsSupported()).isTrue();
            assertThat(DeflateResources.zlibDescription()).startsWith("zlib 1.").endsWith("(FFM)");
        } else {
            assertThat(DeflateResources.smallWindowsSupported()).isFalse();
            assertThat(DeflateResources.zlibDescription()).isEqualTo("java.util.zip");
        }
    }

    @Test
    @DisplayName("issue 16: a missing system zlib falls back to java.util.zip with one WARNING line, and small windows are declined")
    void missingLibraryFallsBackWithOneLogLine() throws Exception {
        assumeTrue(Runtime.version().feature() >= 22, "the FFM binding is only tried on Java 22+");
        Result result = runChild("-Dwsstack.deflate.zlib.library=libwsstack-no-such-zlib.so.1");

        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("BINDING java.util.zip").contains("ANSWER declined");
        List<String> warnings = result.output.lines().filter(l -> l.contains("falls back to java.util.zip")).toList();
        assertThat(warnings).as(result.output).hasSize(1);
        assertThat(warnings.get(0)).contains("libwsstack-no-such-zlib.so.1");
    }

    @Test
    @DisplayName("issue 16: with the system zlib a child JVM logs no warning and accepts server_max_window_bits=9")
    void workingLibraryLogsNothing() throws Exception {
        assumeTrue(Runtime.version().feature() >= 22, "the FFM binding is only tried on Java 22+");
        Result result = runChild();

        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("BINDING zlib").contains("ANSWER permessage-deflate; server_max_window_bits=9")
                .doesNotContain("WARNING: permessage-deflate").doesNotContain("restricted method");
    }

    /** The child JVM: prints the binding and the answer to a small-window offer. */
    public static void main(String[] args) {
        System.out.println("BINDING " + DeflateResources.zlibDescription());
        try (ServerDeflateNegotiator n = new ServerDeflateNegotiator(DeflateOptions.defaults())) {
            System.out.println("ANSWER " + n.negotiate(ExtensionHeaderParser.parseLenient(
                    "permessage-deflate; server_max_window_bits=9"))
                    .map(a -> a.responseElement().toHeaderValue()).orElse("declined"));
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result runChild(String... properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(List.of(properties));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ZlibSelectionTest.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
