package io.wsstack.core.deflate;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.core.extension.MessageCompression;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random messages, random fragmentation of what is compressed and of what is inflated, with and
 * without context takeover, in both modes.
 */
class RoundTripProperties {

    @Property(tries = 150)
    @Label("RFC 7692 §7.2: random messages and fragmentations round-trip in both directions; nothing leaks")
    void roundTrip(@ForAll boolean serverNoContext, @ForAll boolean clientNoContext, @ForAll boolean shared,
                   @ForAll("messages") List<byte[]> messages, @ForAll long seed) {
        long deflaters = DeflateResources.liveDeflaters();
        long inflaters = DeflateResources.liveInflaters();
        DeflateOptions options = DeflateOptions.builder().serverNoContextTakeover(serverNoContext)
                .clientNoContextTakeover(clientNoContext).threshold(0)
                .mode(shared ? DeflateMode.SHARED : DeflateMode.DEDICATED).build();
        Random random = new Random(seed);
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

    @Provide
    Arbitrary<List<byte[]>> messages() {
        Arbitrary<byte[]> text = Arbitraries.strings().withChars("abc {}\":,0123").ofMaxLength(3000)
                .map(s -> s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Arbitrary<byte[]> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
        return Arbitraries.oneOf(text, text, binary).list().ofMinSize(1).ofMaxSize(6);
    }
}
