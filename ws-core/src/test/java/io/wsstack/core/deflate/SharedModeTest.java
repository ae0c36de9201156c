package io.wsstack.core.deflate;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.core.Role;
import io.wsstack.core.extension.ExtensionHeaderParser;
import io.wsstack.core.extension.MessageCompression;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Shared mode: a message borrows pooled zlib streams and the connection keeps none between messages. */
class SharedModeTest {

    private static final DeflateOptions SHARED = DeflateOptions.builder().mode(DeflateMode.SHARED).threshold(0).build();
    private static final byte[] MESSAGE = "shared compressor, shared compressor, shared".getBytes(US_ASCII);

    private static boolean holds(MessageCompression codec) {
        return ((PerMessageDeflateCodec) codec).holdsZipStreams();
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1 / bad input #19: between messages a shared-mode connection holds no Deflater or Inflater")
    void nothingHeldBetweenMessages() {
        try (Codecs.Pair pair = Codecs.negotiate(SHARED, SHARED)) {
            assertThat(holds(pair.client())).isFalse();
            for (int i = 0; i < 3; i++) {
                byte[] compressed = Codecs.compress(pair.client(), MESSAGE);
                assertThat(holds(pair.client())).isFalse();
                assertThat(Codecs.inflate(pair.server(), List.of(compressed))).isEqualTo(MESSAGE);
                assertThat(holds(pair.server())).isFalse();
            }
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.4: a fragmented message keeps its borrowed instance from first to last fragment")
    void fragmentedMessagesHoldTheirInstance() {
        try (Codecs.Pair pair = Codecs.negotiate(SHARED, SHARED)) {
            ByteBuffer first = pair.client().compress(ByteBuffer.wrap(MESSAGE, 0, 10), false);
            assertThat(holds(pair.client())).isTrue();
            ByteBuffer last = pair.client().compress(ByteBuffer.wrap(MESSAGE, 10, MESSAGE.length - 10), true);
            assertThat(holds(pair.client())).isFalse();

            CollectingSink sink = new CollectingSink(1 << 20);
            pair.server().decompress(first, sink);
            assertThat(holds(pair.server())).isTrue();
            pair.server().decompress(last, sink);
            pair.server().finishDecompression(sink);
            assertThat(holds(pair.server())).isFalse();
            assertThat(sink.takeMessage()).isEqualTo(MESSAGE);
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1: 200 shared-mode connections reuse a bounded pool instead of 200 pairs")
    void connectionsShareThePool() {
        long deflaters = DeflateResources.liveDeflaters();
        long inflaters = DeflateResources.liveInflaters();
        DeflateOptions options = DeflateOptions.builder().mode(DeflateMode.SHARED).sharedPoolCapacity(4).threshold(0).build();
        try (ServerDeflateNegotiator server = new ServerDeflateNegotiator(options);
             ClientDeflateNegotiator client = new ClientDeflateNegotiator(options)) {
            NegotiatedDeflate serverSide = server.negotiate(ExtensionHeaderParser.parseLenient("permessage-deflate")).orElseThrow();
            NegotiatedDeflate clientSide = client.accept(List.of(serverSide.responseElement())).orElseThrow();
            MessageCompression sender = clientSide.newCompression(Role.CLIENT);
            List<MessageCompression> connections = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                MessageCompression connection = serverSide.newCompression(Role.SERVER);
                connections.add(connection);
                assertThat(Codecs.inflate(connection, List.of(Codecs.compress(sender, MESSAGE)))).isEqualTo(MESSAGE);
                Codecs.compress(connection, MESSAGE);
            }
            assertThat(DeflateResources.liveDeflaters() - deflaters).isLessThanOrEqualTo(2);
            assertThat(DeflateResources.liveInflaters() - inflaters).isLessThanOrEqualTo(1);
            connections.forEach(MessageCompression::close);
            sender.close();
        }
        assertThat(DeflateResources.liveDeflaters()).isEqualTo(deflaters);
        assertThat(DeflateResources.liveInflaters()).isEqualTo(inflaters);
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1.1: if the server keeps its context, a shared-mode client holds its inflater for the connection")
    void serverContextTakeoverKeepsClientInflater() {
        try (ClientDeflateNegotiator client = new ClientDeflateNegotiator(SHARED)) {
            NegotiatedDeflate n = client.accept(ExtensionHeaderParser.parseStrict("permessage-deflate")).orElseThrow();
            assertThat(n.clientNoContextTakeover()).as("the client keeps to its offer").isTrue();
            try (MessageCompression codec = n.newCompression(Role.CLIENT)) {
                byte[] hello = "Hello".getBytes(US_ASCII);
                assertThat(Codecs.inflate(codec, List.of(Hex.bytes("f2 48 cd c9 c9 07 00")))).isEqualTo(hello);
                assertThat(holds(codec)).isTrue();
                assertThat(Codecs.inflate(codec, List.of(Hex.bytes("f2 00 11 00 00")))).isEqualTo(hello);
                Codecs.compress(codec, hello);
                assertThat(((PerMessageDeflateCodec) codec).holdsZipStreams()).isTrue();
            }
        }
    }

    @Test
    @DisplayName("bad input #19: closing connections mid-message returns borrowed instances; all are ended once the pool closes")
    void closeMidMessageReturnsInstances() {
        long deflaters = DeflateResources.liveDeflaters();
        long inflaters = DeflateResources.liveInflaters();
        try (Codecs.Pair pair = Codecs.negotiate(SHARED, SHARED)) {
            ByteBuffer first = pair.client().compress(ByteBuffer.wrap(MESSAGE), false);
            pair.server().decompress(first, new CollectingSink(1 << 20));
            assertThat(holds(pair.client())).isTrue();
            assertThat(holds(pair.server())).isTrue();
        }
        assertThat(DeflateResources.liveDeflaters()).isEqualTo(deflaters);
        assertThat(DeflateResources.liveInflaters()).isEqualTo(inflaters);
    }

    @Test
    @DisplayName("RFC 7692 §7.2.1: shared and dedicated senders produce the same bytes without context takeover")
    void sameBytesAsDedicated() {
        DeflateOptions dedicated = DeflateOptions.builder().serverNoContextTakeover(true).clientNoContextTakeover(true).build();
        try (Codecs.Pair shared = Codecs.negotiate(SHARED, SHARED);
             Codecs.Pair own = Codecs.negotiate(dedicated, dedicated)) {
            for (int i = 0; i < 3; i++) {
                assertThat(Arrays.equals(Codecs.compress(shared.server(), MESSAGE), Codecs.compress(own.server(), MESSAGE)))
                        .isTrue();
            }
        }
    }
}
