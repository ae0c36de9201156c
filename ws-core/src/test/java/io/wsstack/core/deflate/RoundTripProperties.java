package io.wsstack.core.deflate;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.core.RandomCases;
import io.wsstack.core.extension.MessageCompression;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Random messages, random fragmentation of what is compressed and of what is inflated, with and
 * without context takeover, in both modes.
 */
class RoundTripProperties {

    @ParameterizedTest(name = RandomCases.NAME)
    @RandomCases.Seeds(150)
    @DisplayName("RFC 7692 §7.2: random messages and fragmentations round-trip in both directions; nothing leaks")
    void roundTrip(long seed) {
        Random random = new Random(seed);
        boolean serverNoContext = random.nextBoolean();
        boolean clientNoContext = random.nextBoolean();
        boolean shared = random.nextBoolean();
        List<byte[]> messages = messages(random);
        long deflaters = DeflateResources.liveDeflaters();
        long inflaters = DeflateResources.liveInflaters();
        DeflateOptions options = DeflateOptions.builder().serverNoContextTakeover(serverNoContext)
                .clientNoContextTakeover(clientNoContext).threshold(0)
                .mode(shared ? DeflateMode.SHARED : DeflateMode.DEDICATED).build();
        try (Codecs.Pair pair = Codecs.negotiate(options, options)) {
            for (byte[] message : messages) {
                assertThat(transfer(pair.client(), pair.server(), message, random)).isEqualTo(message);
                assertThat(transfer(pair.server(), pair.client(), message, random)).isEqualTo(message);
                if (shared) {
                    assertThat(((PerMessageDeflateCodec) pair.client()).holdsZipStreams()).isFalse();
                    assertThat(((PerMessageDeflateCodec) pair.server()).holdsZipStreams()).isFalse();
                }
            }
        }
        assertThat(DeflateResources.liveDeflaters()).isEqualTo(deflaters);
        assertThat(DeflateResources.liveInflaters()).isEqualTo(inflaters);
    }

    /** Compresses {@code message} in random pieces, re-splits the compressed bytes at random, inflates. */
    private static byte[] transfer(MessageCompression sender, MessageCompression receiver, byte[] message, Random random) {
        List<byte[]> compressed = new ArrayList<>();
        int offset = 0;
        do {
            int piece = random.nextInt(3) == 0 ? message.length - offset : random.nextInt(message.length - offset + 1);
            boolean last = offset + piece == message.length;
            compressed.add(Codecs.toArray(sender.compress(ByteBuffer.wrap(message, offset, piece), last)));
            offset += piece;
            if (last) {
                break;
            }
        } while (true);
        byte[] wire = Codecs.concat(compressed);
        List<byte[]> chunks = new ArrayList<>();
        int at = 0;
        while (at < wire.length) {
            int size = 1 + random.nextInt(Math.min(wire.length - at, 1 + random.nextInt(64)));
            chunks.add(java.util.Arrays.copyOfRange(wire, at, at + size));
            at += size;
        }
        return Codecs.inflate(receiver, chunks);
    }

    private static final String JSON_CHARS = "abc {}\":,0123";

    /** 1 to 6 messages, each at most 3000 bytes: two thirds JSON-like text (compressible), one third random bytes. */
    private static List<byte[]> messages(Random random) {
        int count = 1 + random.nextInt(6);
        List<byte[]> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (random.nextInt(3) < 2) {
                StringBuilder text = new StringBuilder();
                for (int n = RandomCases.length(random, 3000); n > 0; n--) {
                    text.append(JSON_CHARS.charAt(random.nextInt(JSON_CHARS.length())));
                }
                messages.add(text.toString().getBytes(StandardCharsets.US_ASCII));
            } else {
                messages.add(RandomCases.bytes(random, 3000));
            }
        }
        return messages;
    }
}
