package io.wsstack.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Encoder → decoder round trips through two connections (RFC 6455 §5.2, §5.3): what one role sends,
 * the other must deliver unchanged, however the bytes are split on the way.
 */
class RoundTripProperties {

    private static final ConnectionSettings BIG = ConnectionSettings.builder()
            .maxFrameSize(1 << 20).maxMessageSize(1 << 20).build();

    private static final List<Integer> EDGE_LENGTHS = List.of(0, 1, 7, 8, 125, 126, 127, 65535, 65536, 65537, 200_000);

    /** Half the time a length at a header-size edge (RFC 6455 §5.2), otherwise any in [0, 70 000]. */
    private static int length(Random random) {
        return random.nextBoolean() ? RandomCases.oneOf(random, EDGE_LENGTHS) : random.nextInt(70_001);
    }

    /** Code points from all planes, supplementary characters included; surrogates excluded. */
    private static String unicodeText(Random random) {
        return RandomCases.validText(random, 3000);
    }

    /** Feeds {@code wire} to the connection in random pieces (including empty ones). */
    private static void feedInPieces(Connection connection, byte[] wire, Random random) {
        int maxPiece = 1 + random.nextInt(random.nextBoolean() ? 16 : 70_000);
        int at = 0;
        while (at < wire.length) {
            int n = Math.min(wire.length - at, random.nextInt(maxPiece + 1));
            connection.receive(ByteBuffer.wrap(wire, at, n));
            at += n;
        }
    }

    private static byte[] payload(int length, Random random) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    @ParameterizedTest(name = RandomCases.NAME)
    @RandomCases.Seeds(60)
    @DisplayName("RFC 6455 §5.3: client → server binary round trip (masked) with random splits")
    void clientToServerBinary(long seed) {
        Random random = new Random(seed);
        byte[] data = payload(length(random), random);
        TestPeer client = new TestPeer(Role.CLIENT, BIG, null);
        client.connection.sendBinary(data);
        TestPeer server = new TestPeer(Role.SERVER, BIG, null);
        feedInPieces(server.connection, client.sink.bytes(), random);
        assertThat(server.listener.events).containsExactly("binary:" + Hex.of(data));
    }

    @ParameterizedTest(name = RandomCases.NAME)
    @RandomCases.Seeds(60)
    @DisplayName("RFC 6455 §5.1: server → client binary round trip (unmasked) with random splits")
    void serverToClientBinary(long seed) {
        Random random = new Random(seed);
        byte[] data = payload(length(random), random);
        TestPeer server = new TestPeer(Role.SERVER, BIG, null);
        server.connection.sendBinary(data);
        TestPeer client = new TestPeer(Role.CLIENT, BIG, null);
        feedInPieces(client.connection, server.sink.bytes(), random);
        assertThat(client.listener.events).containsExactly("binary:" + Hex.of(data));
    }

    @ParameterizedTest(name = RandomCases.NAME)
    @RandomCases.Seeds(100)
    @DisplayName("RFC 6455 §5.6: text round trip in both roles, fragmented at random byte positions")
    void textBothRolesFragmented(long seed) {
        Random random = new Random(seed);
        String text = unicodeText(random);
        boolean fromClient = random.nextBoolean();
        Role senderRole = fromClient ? Role.CLIENT : Role.SERVER;
        Role receiverRole = fromClient ? Role.SERVER : Role.CLIENT;
        TestPeer sender = new TestPeer(senderRole, BIG, null);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int at = 0;
        // Fragment boundaries fall anywhere, also inside characters (RFC 6455 §5.4 allows it).
        do {
            int n = Math.min(utf8.length - at, random.nextInt(utf8.length + 1));
            boolean last = at + n == utf8.length;
            sender.connection.sendFragment(true, ByteBuffer.wrap(utf8, at, n), last);
            at += n;
        } while (at < utf8.length);
        sender.connection.sendText(text);

        TestPeer receiver = new TestPeer(receiverRole, BIG, null);
        feedInPieces(receiver.connection, sender.sink.bytes(), random);
        assertThat(receiver.listener.events).containsExactly("text:" + text, "text:" + text);
    }

    @ParameterizedTest(name = RandomCases.NAME)
    @RandomCases.Seeds(40)
    @DisplayName("RFC 6455 §5.5: pings and whole messages interleave and arrive in order")
    void mixedTraffic(long seed) {
        Random random = new Random(seed);
        String text = unicodeText(random);
        byte[] binary = payload(300, random);
        TestPeer client = new TestPeer(Role.CLIENT, BIG, null);
        client.connection.sendText(text);
        client.connection.sendPing(ByteBuffer.wrap(new byte[] {1, 2}));
        client.connection.sendBinary(binary);
        client.connection.close(1000, "bye");
        TestPeer server = new TestPeer(Role.SERVER, BIG, null);
        feedInPieces(server.connection, client.sink.bytes(), random);
        assertThat(server.listener.events).isEqualTo(List.of(
                "text:" + text, "ping:0102", "binary:" + Hex.of(binary), "close:1000:bye"));
        assertThat(server.connection.state()).isEqualTo(ConnectionState.CLOSED);
    }
}
