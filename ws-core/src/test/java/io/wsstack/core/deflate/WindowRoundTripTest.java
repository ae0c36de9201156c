package io.wsstack.core.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wsstack.core.extension.MessageCompression;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compression with negotiated windows through the FFM zlib binding (the JDK 25 surefire execution;
 * skipped by assumption where java.util.zip is the binding, on JDK 17). Every window pair 8–15 round
 * trips with context takeover, and what each side sends is read by an independent decompressor of
 * exactly the negotiated window, fed through a 64-byte output array so that it must use its own window.
 */
class WindowRoundTripTest {

    @BeforeEach
    void ffmOnly() {
        assumeTrue(DeflateResources.smallWindowsSupported(), "needs the FFM zlib binding (Java 22+)");
    }

    static Stream<Arguments> windowPairs() {
        List<Arguments> all = new ArrayList<>();
        for (int server = 8; server <= 15; server++) {
            for (int client = 8; client <= 15; client++) {
                all.add(Arguments.of(server, client));
            }
        }
        return all.stream();
    }

    /** Similar JSON-like messages (context takeover pays off) and one with repeats 300-3000 bytes apart. */
    static List<byte[]> messages() {
        List<byte[]> messages = new ArrayList<>();
        Random random = new Random(16);
        for (int i = 0; i < 6; i++) {
            StringBuilder b = new StringBuilder("[");
            for (int j = 0; j < 20 + i * 10; j++) {
                b.append("{\"id\":").append(random.nextInt(1000)).append(",\"name\":\"user-").append(j)
                        .append("\",\"online\":").append(random.nextBoolean()).append("},");
            }
            messages.add(b.append("{}]").toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] block = new byte[3000];
        random.nextBytes(block);
        messages.add(concat(block, block, new byte[300], block));
        return messages;
    }

    @ParameterizedTest(name = "server window {0}, client window {1}")
    @MethodSource("windowPairs")
    @DisplayName("RFC 7692 §7.1.2: every window pair 8-15 round-trips both ways with context takeover, readable at exactly that window")
    void roundTripAtEveryWindow(int serverBits, int clientBits) throws Exception {
        DeflateOptions clientOptions = DeflateOptions.builder().serverMaxWindowBits(serverBits)
                .clientMaxWindowBits(clientBits).offerClientMaxWindowBits().threshold(0).build();
        try (Codecs.Pair pair = Codecs.negotiate(clientOptions, DeflateOptions.builder().threshold(0).build())) {
            assertThat(pair.serverSide().serverMaxWindowBits()).isEqualTo(serverBits);
            assertThat(pair.clientSide().clientMaxWindowBits()).isEqualTo(clientBits);
            check(pair.server(), pair.client(), serverBits);
            check(pair.client(), pair.server(), clientBits);
        }
    }

    /** Sends every message from {@code sender} to {@code receiver} and through an exact-window inflater. */
    private static void check(MessageCompression sender, MessageCompression receiver, int windowBits) throws Exception {
        RawInflater exact = Zlib.binding().newInflater(windowBits);
        try {
            for (byte[] message : messages()) {
                byte[] compressed = Codecs.compress(sender, message);
                assertThat(Codecs.inflate(receiver, List.of(compressed))).isEqualTo(message);
                assertThat(inflateInSmallSteps(exact, concat(compressed, new byte[] {0, 0, (byte) 0xff, (byte) 0xff})))
                        .as("read by a %d-bit inflater", windowBits).isEqualTo(message);
            }
        } finally {
            exact.end();
        }
    }

    private static byte[] inflateInSmallSteps(RawInflater inflater, byte[] data) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] step = new byte[64];
        while (true) {
            int n = inflater.inflate(in, step, 0, step.length);
            if (n == 0 && !in.hasRemaining()) {
                return out.toByteArray();
            }
            assertThat(n).as("progress").isPositive();
            out.write(step, 0, n);
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.1: a 9-bit window really limits back references (repeats 3000 bytes apart stay literal)")
    void smallWindowIsReallyUsed() {
        byte[] block = new byte[3000];
        new Random(3).nextBytes(block);
        byte[] twice = concat(block, block);
        int small = compressedSize(9, twice);
        int full = compressedSize(15, twice);
        assertThat(full).isLessThan(3300);   // the second copy is one long match
        assertThat(small).isGreaterThan(5800); // both copies are literals
    }

    private static int compressedSize(int serverBits, byte[] message) {
        DeflateOptions clientOptions = DeflateOptions.builder().serverMaxWindowBits(serverBits).threshold(0).build();
        try (Codecs.Pair pair = Codecs.negotiate(clientOptions, DeflateOptions.builder().threshold(0).build())) {
            return Codecs.compress(pair.server(), message).length;
        }
    }

    @ParameterizedTest
    @EnumSource(DeflatePreset.class)
    @DisplayName("issue 16: every preset round-trips in dedicated and shared mode, and closing frees every zlib stream")
    void presetsRoundTripAndFree(DeflatePreset preset) {
        for (DeflateMode mode : DeflateMode.values()) {
            long deflaters = DeflateResources.liveDeflaters();
            long inflaters = DeflateResources.liveInflaters();
            DeflateOptions server = DeflateOptions.builder().preset(preset).mode(mode).threshold(0).build();
            DeflateOptions client = DeflateOptions.builder().offerClientMaxWindowBits().threshold(0).build();
            try (Codecs.Pair pair = Codecs.negotiate(client, server)) {
                assertThat(pair.serverSide().serverMaxWindowBits()).isEqualTo(preset.windowBits());
                assertThat(pair.serverSide().clientMaxWindowBits()).isEqualTo(preset.windowBits());
                for (byte[] message : messages()) {
                    assertThat(Codecs.inflate(pair.client(), List.of(Codecs.compress(pair.server(), message))))
                            .isEqualTo(message);
                    assertThat(Codecs.inflate(pair.server(), List.of(Codecs.compress(pair.client(), message))))
                            .isEqualTo(message);
                }
            }
            assertThat(DeflateResources.liveDeflaters()).isEqualTo(deflaters);
            assertThat(DeflateResources.liveInflaters()).isEqualTo(inflaters);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
