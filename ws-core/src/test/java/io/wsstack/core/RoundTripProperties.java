package io.wsstack.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Encoder → decoder round trips through two connections (RFC 6455 §5.2, §5.3): what one role sends,
 * the other must deliver unchanged, however the bytes are split on the way.
 */
class RoundTripProperties {

    private static final ConnectionSettings BIG = ConnectionSettings.builder()
            .maxFrameSize(1 << 20).maxMessageSize(1 << 20).build();

    @Provide
    Arbitrary<Integer> lengths() {
        return Arbitraries.oneOf(
                Arbitraries.of(0, 1, 7, 8, 125, 126, 127, 65535, 65536, 65537, 200_000),
                Arbitraries.integers().between(0, 70_000));
    }

    @Provide
    Arbitrary<String> unicodeText() {
        // Code points from all planes, supplementary characters included; surrogates excluded.
        Arbitrary<Integer> codePoints = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 0x7F),
                Arbitraries.integers().between(0x80, 0xD7FF),
                Arbitraries.integers().between(0xE000, 0xFFFF),
                Arbitraries.integers().between(0x10000, 0x10FFFF));
        return codePoints.list().ofMaxSize(3000).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    /** Feeds {@code wire} to the connection in random pieces (including empty ones). */
    private static void feedInPieces(Connection connection, byte[] wire, long seed) {
        Random random = new Random(seed);
        int maxPiece = 1 + random.nextInt(random.nextBoolean() ? 16 : 70_000);
        int at = 0;
        while (at < wire.length) {
            int n = Math.min(wire.length - at, random.nextInt(maxPiece + 1));
            connection.receive(ByteBuffer.wrap(wire, at, n));
            at += n;
        }
    }

    private static byte[] payload(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Property(tries = 60)
    @Label("RFC 6455 §5.3: client → server binary round trip (masked) with random splits")
    void clientToServerBinary(@ForAll("lengths") int length, @ForAll long seed) {
        byte[] data = payload(length, seed);
        TestPeer client = new TestPeer(Role.CLIENT, BIG, null);
        client.connection.sendBinary(data);
        TestPeer server = new TestPeer(Role.SERVER, BIG, null);
        feedInPieces(server.connection, client.sink.bytes(), seed);
        assertThat(server.listener.events).containsExactly("binary:" + Hex.of(data));
    }

    @Property(tries = 60)
    @Label("RFC 6455 §5.1: server → client binary round trip (unmasked) with random splits")
    void serverToClientBinary(@ForAll("lengths") int length, @ForAll long seed) {
        byte[] data = payload(length, seed);
        TestPeer server = new TestPeer(Role.SERVER, BIG, null);
        server.connection.sendBinary(data);
        TestPeer client = new TestPeer(Role.CLIENT, BIG, null);
        feedInPieces(client.connection, server.sink.bytes(), seed);
        assertThat(client.listener.events).containsExactly("binary:" + Hex.of(data));
    }

    @Property(tries = 100)
    @Label("RFC 6455 §5.6: text round trip in both roles, fragmented at random byte positions")
    void textBothRolesFragmented(@ForAll("unicodeText") String text, @ForAll long seed, @ForAll boolean fromClient) {
        Role senderRole = fromClient ? Role.CLIENT : Role.SERVER;
        Role receiverRole = fromClient ? Role.SERVER : Role.CLIENT;
        TestPeer sender = new TestPeer(senderRole, BIG, null);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(seed);
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
        feedInPieces(receiver.connection, sender.sink.bytes(), seed);
        assertThat(receiver.listener.events).containsExactly("text:" + text, "text:" + text);
    }

    @Property(tries = 40)
    @Label("RFC 6455 §5.5: pings and whole messages interleave and arrive in order")
    void mixedTraffic(@ForAll("unicodeText") String text, @ForAll long seed) {
        TestPeer client = new TestPeer(Role.CLIENT, BIG, null);
        client.connection.sendText(text);
        client.connection.sendPing(ByteBuffer.wrap(new byte[] {1, 2}));
        client.connection.sendBinary(payload(300, seed));
        client.connection.close(1000, "bye");
        TestPeer server = new TestPeer(Role.SERVER, BIG, null);
        feedInPieces(server.connection, client.sink.bytes(), seed);
        assertThat(server.listener.events).isEqualTo(List.of(
                "text:" + text, "ping:0102", "binary:" + Hex.of(payload(300, seed)), "close:1000:bye"));
        assertThat(server.connection.state()).isEqualTo(ConnectionState.CLOSED);
    }
}
