package io.wsstack.core.deflate;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.Role;
import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.core.extension.ExtensionHeaderParser;
import io.wsstack.core.extension.MessageCompression;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pooled mode: context takeover with zlib streams borrowed per message, the connection keeping only
 * its windows. Runs on Java 17 (java.util.zip: falls back to dedicated) and in the Java 25 execution
 * (the FFM binding: really pooled); each test checks what its JVM's binding promises.
 */
class PooledModeTest {

    private static final DeflateOptions CLIENT = DeflateOptions.builder().offerClientMaxWindowBits().threshold(0).build();

    /** A server in {@code mode} with {@code preset}'s windows where the binding has them (java.util.zip: 15 bits). */
    private static DeflateOptions server(DeflateMode mode, DeflatePreset preset, int poolCapacity) {
        DeflateOptions.Builder builder = DeflateOptions.builder().mode(mode).sharedPoolCapacity(poolCapacity).threshold(0);
        if (DeflateResources.smallWindowsSupported()) {
            builder.preset(preset);
        }
        return builder.build();
    }

    private static boolean pooledForReal() {
        return Zlib.binding().carriesWindows();
    }

    private static boolean holds(MessageCompression codec) {
        return ((PerMessageDeflateCodec) codec).holdsZipStreams();
    }

    /** JSON-like texts that share most of their bytes, as a stream of one application's messages does. */
    private static List<byte[]> messages(int count, long seed) {
        Random random = new Random(seed);
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < 700) {
                text.append("{\"id\":").append(random.nextInt(100_000)).append(",\"type\":\"quote\",\"symbol\":\"")
                        .append(random.nextBoolean() ? "EURUSD" : "GBPUSD").append("\",\"bid\":")
                        .append(random.nextInt(20_000) / 10_000.0).append("}\n");
            }
            messages.add(text.toString().getBytes(US_ASCII));
        }
        return messages;
    }

    @ParameterizedTest
    @EnumSource(value = DeflatePreset.class, names = {"DEDICATED_3KB", "DEDICATED_8KB", "DEDICATED_32KB"})
    @DisplayName("RFC 7692 §7.1.1: pooled mode negotiates context takeover and sends the bytes a dedicated connection sends")
    void sameBytesAsDedicated(DeflatePreset preset) {
        try (Codecs.Pair pooled = Codecs.negotiate(CLIENT, server(DeflateMode.POOLED, preset, 2));
             Codecs.Pair dedicated = Codecs.negotiate(CLIENT, server(DeflateMode.DEDICATED, preset, 2))) {
            assertThat(pooled.serverSide().serverNoContextTakeover()).isFalse();
            assertThat(pooled.serverSide().clientNoContextTakeover()).isFalse();
            assertThat(pooled.serverSide().responseElement().toHeaderValue())
                    .isEqualTo(dedicated.serverSide().responseElement().toHeaderValue());
            long pooledBytes = 0;
            long plainBytes = 0;
            for (byte[] message : messages(30, 1)) {
                byte[] fromPooled = Codecs.compress(pooled.server(), message);
                byte[] fromDedicated = Codecs.compress(dedicated.server(), message);
                assertThat(fromPooled).isEqualTo(fromDedicated);
                assertThat(Codecs.inflate(pooled.client(), List.of(fromPooled))).isEqualTo(message);
                pooledBytes += fromPooled.length;
                plainBytes += message.length;
            }
            assertThat(pooledBytes).isLessThan(plainBytes / 2);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DeflatePreset.class, names = {"POOLED_1KB", "POOLED_2KB", "POOLED_4KB", "POOLED_8KB"})
    @DisplayName("RFC 7692 §7.1.1, §7.1.2: a pooled-* preset selects pooled mode, negotiates its windows with context takeover and sends a dedicated stream's bytes")
    void pooledPresets(DeflatePreset preset) {
        DeflateOptions pooledOptions = DeflateOptions.builder().preset(preset).threshold(0).build();
        assertThat(pooledOptions.mode()).isEqualTo(DeflateMode.POOLED);
        assertThat(pooledOptions.memoryLevel()).isEqualTo(preset.memoryLevel());
        assertThat(pooledOptions.serverMaxWindowBits()).isEqualTo(preset.windowBits());
        if (!DeflateResources.smallWindowsSupported()) {
            // java.util.zip: the server would answer client_max_window_bits below 15, which our own
            // java.util.zip client cannot honour; the server alone falls back as in the tests above.
            pooledOptions = server(DeflateMode.POOLED, preset, DeflateOptions.DEFAULT_SHARED_POOL_CAPACITY);
        }
        // The same windows and memory level, each connection owning its streams: the reference bytes.
        DeflateOptions dedicatedOptions = DeflateResources.smallWindowsSupported()
                ? DeflateOptions.builder().preset(preset).mode(DeflateMode.DEDICATED).threshold(0).build()
                : server(DeflateMode.DEDICATED, preset, 0);
        try (Codecs.Pair pooled = Codecs.negotiate(CLIENT, pooledOptions);
             Codecs.Pair dedicated = Codecs.negotiate(CLIENT, dedicatedOptions)) {
            assertThat(pooled.serverSide().serverNoContextTakeover()).isFalse();
            assertThat(pooled.serverSide().clientNoContextTakeover()).isFalse();
            if (DeflateResources.smallWindowsSupported()) { // java.util.zip ignores windows below 15
                assertThat(pooled.serverSide().serverMaxWindowBits()).isEqualTo(preset.windowBits());
                assertThat(pooled.serverSide().clientMaxWindowBits()).isEqualTo(preset.windowBits());
            }
            for (byte[] message : messages(20, 6)) {
                byte[] fromPooled = Codecs.compress(pooled.server(), message);
                assertThat(fromPooled).isEqualTo(Codecs.compress(dedicated.server(), message));
                assertThat(Codecs.inflate(pooled.client(), List.of(fromPooled))).isEqualTo(message);
                byte[] fromClient = Codecs.compress(pooled.client(), message);
                assertThat(Codecs.inflate(pooled.server(), List.of(fromClient))).isEqualTo(message);
                assertThat(holds(pooled.server())).isEqualTo(!pooledForReal());
            }
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1 / bad input #16: a 1000:1 bomb against pooled-1kb → 1009 one byte past the limit, and the pooled stream it used inflates the next connection's messages correctly")
    void bombAgainstThePooledPreset() {
        int limit = 1024 * 1024;
        DeflateOptions serverOptions = DeflateResources.smallWindowsSupported()
                ? DeflateOptions.builder().preset(DeflatePreset.POOLED_1KB).sharedPoolCapacity(1).threshold(0).build()
                : server(DeflateMode.POOLED, DeflatePreset.POOLED_1KB, 1);
        long inflaters = DeflateResources.liveInflaters();
        try (Codecs.Pair pair = Codecs.negotiate(CLIENT, serverOptions)) {
            byte[] bomb = Codecs.compress(pair.client(), new byte[10 * limit]);
            assertThat(bomb.length).isLessThan(10 * limit / 100);
            CollectingSink sink = CollectingSink.counting(limit);
            assertThatThrownBy(() -> {
                pair.server().decompress(ByteBuffer.wrap(bomb), sink);
                pair.server().finishDecompression(sink);
            }).isInstanceOf(WebSocketProtocolException.MessageTooBig.class)
                    .extracting(e -> ((WebSocketProtocolException) e).closeCode()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
            assertThat(sink.totalReceived).isEqualTo(limit + 1L);
            pair.server().close(); // the connection ends with its 1009

            // The next connection of the endpoint borrows the same pooled stream (capacity 1).
            MessageCompression next = pair.serverSide().newCompression(Role.SERVER);
            MessageCompression nextClient = pair.clientSide().newCompression(Role.CLIENT);
            try {
                for (byte[] message : messages(5, 7)) {
                    assertThat(Codecs.inflate(next, List.of(Codecs.compress(nextClient, message)))).isEqualTo(message);
                }
            } finally {
                next.close();
                nextClient.close();
            }
        }
        assertThat(DeflateResources.liveInflaters()).isEqualTo(inflaters);
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1: with one pooled stream for two connections, each connection's history follows it, both ways")
    void historyFollowsTheConnectionNotTheStream() {
        DeflateOptions serverOptions = server(DeflateMode.POOLED, DeflatePreset.DEDICATED_3KB, 1);
        try (ServerDeflateNegotiator serverNegotiator = new ServerDeflateNegotiator(serverOptions);
             ClientDeflateNegotiator clientNegotiator = new ClientDeflateNegotiator(CLIENT)) {
            NegotiatedDeflate serverSide = serverNegotiator.negotiate(ExtensionHeaderParser.parseLenient(
                    "permessage-deflate; client_max_window_bits")).orElseThrow();
            NegotiatedDeflate clientSide = clientNegotiator.accept(List.of(serverSide.responseElement())).orElseThrow();
            MessageCompression serverA = serverSide.newCompression(Role.SERVER);
            MessageCompression serverB = serverSide.newCompression(Role.SERVER);
            MessageCompression clientA = clientSide.newCompression(Role.CLIENT);
            MessageCompression clientB = clientSide.newCompression(Role.CLIENT);
            try {
                List<byte[]> forA = messages(12, 2);
                List<byte[]> forB = messages(12, 3);
                for (int i = 0; i < forA.size(); i++) {
                    // server -> client, interleaved, then client -> server, interleaved
                    assertThat(Codecs.inflate(clientA, List.of(Codecs.compress(serverA, forA.get(i))))).isEqualTo(forA.get(i));
                    assertThat(Codecs.inflate(clientB, List.of(Codecs.compress(serverB, forB.get(i))))).isEqualTo(forB.get(i));
                    assertThat(Codecs.inflate(serverA, List.of(Codecs.compress(clientA, forB.get(i))))).isEqualTo(forB.get(i));
                    assertThat(Codecs.inflate(serverB, List.of(Codecs.compress(clientB, forA.get(i))))).isEqualTo(forA.get(i));
                    assertThat(holds(serverA) || holds(serverB)).isEqualTo(!pooledForReal());
                }
                // A message repeated right after itself refers back to the history: a few bytes only.
                byte[] again = forA.get(forA.size() - 1);
                byte[] repeated = Codecs.compress(serverA, again);
                assertThat(repeated.length).isLessThan(again.length / 4);
                assertThat(Codecs.inflate(clientA, List.of(repeated))).isEqualTo(again);
            } finally {
                List.of(serverA, serverB, clientA, clientB).forEach(MessageCompression::close);
            }
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.4: a fragmented message keeps its borrowed stream to the last fragment and carries the window on")
    void fragmentedMessages() {
        try (Codecs.Pair pair = Codecs.negotiate(CLIENT, server(DeflateMode.POOLED, DeflatePreset.DEDICATED_4KB, 1))) {
            byte[] message = messages(1, 4).get(0);
            for (int round = 0; round < 3; round++) {
                ByteBuffer first = pair.server().compress(ByteBuffer.wrap(message, 0, 300), false);
                assertThat(holds(pair.server())).isTrue();
                ByteBuffer last = pair.server().compress(ByteBuffer.wrap(message, 300, message.length - 300), true);
                assertThat(holds(pair.server())).isEqualTo(!pooledForReal());
                assertThat(Codecs.inflate(pair.client(), List.of(Codecs.toArray(first), Codecs.toArray(last))))
                        .isEqualTo(message);
            }
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1: 200 pooled connections with context takeover share a bounded pool of zlib streams")
    void connectionsShareThePool() {
        long deflaters = DeflateResources.liveDeflaters();
        long inflaters = DeflateResources.liveInflaters();
        DeflateOptions options = server(DeflateMode.POOLED, DeflatePreset.DEDICATED_3KB, 4);
        byte[] message = messages(1, 5).get(0);
        try (ServerDeflateNegotiator server = new ServerDeflateNegotiator(options);
             ClientDeflateNegotiator client = new ClientDeflateNegotiator(CLIENT)) {
            NegotiatedDeflate serverSide = server.negotiate(ExtensionHeaderParser.parseLenient(
                    "permessage-deflate; client_max_window_bits")).orElseThrow();
            NegotiatedDeflate clientSide = client.accept(List.of(serverSide.responseElement())).orElseThrow();
            List<MessageCompression> connections = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                MessageCompression sender = clientSide.newCompression(Role.CLIENT);
                MessageCompression connection = serverSide.newCompression(Role.SERVER);
                connections.add(sender);
                connections.add(connection);
                assertThat(Codecs.inflate(connection, List.of(Codecs.compress(sender, message)))).isEqualTo(message);
                assertThat(Codecs.inflate(sender, List.of(Codecs.compress(connection, message)))).isEqualTo(message);
            }
            // the clients are dedicated: one deflater and one inflater each
            long serverDeflaters = DeflateResources.liveDeflaters() - deflaters - 200;
            long serverInflaters = DeflateResources.liveInflaters() - inflaters - 200;
            if (pooledForReal()) {
                assertThat(serverDeflaters).isLessThanOrEqualTo(4);
                assertThat(serverInflaters).isLessThanOrEqualTo(4);
            } else {
                assertThat(serverDeflaters).as("java.util.zip: pooled falls back to dedicated").isEqualTo(200);
                assertThat(serverInflaters).isEqualTo(200);
            }
            connections.forEach(MessageCompression::close);
        }
        assertThat(DeflateResources.liveDeflaters()).isEqualTo(deflaters);
        assertThat(DeflateResources.liveInflaters()).isEqualTo(inflaters);
    }
}
