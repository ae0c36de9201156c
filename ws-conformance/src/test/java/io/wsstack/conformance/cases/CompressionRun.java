package io.wsstack.conformance.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.conformance.target.EchoTarget;
import io.wsstack.conformance.wire.Expect;
import io.wsstack.conformance.wire.Frame;
import io.wsstack.conformance.wire.Message;
import io.wsstack.conformance.wire.RawClient;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The body shared by Autobahn 12.x and 13.x: offer permessage-deflate, then send messages of one
 * size cut from a data set, compressed and split into frames of the "auto-fragment" size, each after
 * the previous echo, and check every echo byte for byte (compressed or not: the server may skip
 * small messages) before a clean close.
 */
final class CompressionRun {

    /** Messages per case; Autobahn sends 1000, scaled down here to fit CI time. */
    static final int MESSAGES = 10;

    /** Autobahn's (message size, auto-fragment size) pairs, in case order: 18 per group. */
    static final int[][] SIZES = {
        {16, 0}, {64, 0}, {256, 0}, {1024, 0}, {4096, 0}, {8192, 0}, {16384, 0}, {32768, 0}, {65536, 0}, {131072, 0},
        {8192, 256}, {16384, 256}, {32768, 256}, {65536, 256}, {131072, 256}, {131072, 1024}, {131072, 4096}, {131072, 32768},
    };

    private CompressionRun() {
    }

    /** (case number, size index, target) for group {@code major.minor}. */
    static Stream<Arguments> cases(String prefix, EchoTarget target) {
        return IntStream.range(0, SIZES.length)
                .mapToObj(i -> Arguments.of(prefix + (i + 1), i, target));
    }

    /**
     * Runs one case and returns whether the server accepted permessage-deflate.
     *
     * @param offer the {@code Sec-WebSocket-Extensions} value the client sends
     */
    static boolean run(EchoTarget target, String offer, CompressionData data, int sizeIndex) throws Exception {
        int length = SIZES[sizeIndex][0];
        int fragment = SIZES[sizeIndex][1];
        int opcode = data.text() ? Frame.TEXT : Frame.BINARY;
        try (RawClient c = CaseSupport.connect(target, offer)) {
            for (int i = 0; i < MESSAGES; i++) {
                byte[] message = data.message(i, length);
                if (c.compressing()) {
                    c.sendCompressed(opcode, message, fragment);
                } else {
                    c.sendFragmented(opcode, message, fragment, 0);
                }
                Message echo = Expect.echo(c, opcode, message);
                assertThat(echo.compressed() && !c.compressing()).as("RSV1 without permessage-deflate").isFalse();
                if (c.compressing() && length >= 1024) {
                    // Small messages may be sent plain (a size threshold); from 1 KiB on the echo is compressed.
                    assertThat(echo.compressed()).as("echo of %d bytes compressed", length).isTrue();
                }
            }
            boolean accepted = c.compressing();
            Expect.cleanClose(c);
            return accepted;
        }
    }
}
