package io.wsstack.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The examples of RFC 6455 §5.7, as hex, each replayed whole, split in two at every byte offset,
 * and byte by byte; every replay must give the same events.
 */
class Rfc6455ExamplesTest {

    private static void assertEverySplit(Supplier<TestPeer> peers, byte[] wire, List<String> expected) {
        TestPeer whole = peers.get();
        whole.receive(wire.clone());
        assertThat(whole.listener.events).as("whole").isEqualTo(expected);

        for (int split = 0; split <= wire.length; split++) {
            byte[] copy = wire.clone();
            TestPeer peer = peers.get();
            peer.connection.receive(ByteBuffer.wrap(copy, 0, split));
            peer.connection.receive(ByteBuffer.wrap(copy, split, copy.length - split));
            assertThat(peer.listener.events).as("split at %d", split).isEqualTo(expected);
        }

        TestPeer bytewise = peers.get();
        byte[] copy = wire.clone();
        for (int i = 0; i < copy.length; i++) {
            bytewise.connection.receive(ByteBuffer.wrap(copy, i, 1));
        }
        assertThat(bytewise.listener.events).as("byte by byte").isEqualTo(expected);
    }

    private static void assertEverySplit(Supplier<TestPeer> peers, String hex, List<String> expected) {
        assertEverySplit(peers, Hex.bytes(hex), expected);
    }

    @Test
    @DisplayName("RFC 6455 §5.7: a single-frame unmasked text message \"Hello\"")
    void unmaskedText() {
        assertEverySplit(TestPeer::client, "810548656c6c6f", List.of("text:Hello"));
    }

    @Test
    @DisplayName("RFC 6455 §5.7: a single-frame masked text message \"Hello\"")
    void maskedText() {
        assertEverySplit(TestPeer::server, "818537fa213d7f9f4d5158", List.of("text:Hello"));
    }

    @Test
    @DisplayName("RFC 6455 §5.7: a fragmented unmasked text message \"Hel\" + \"lo\"")
    void fragmentedText() {
        assertEverySplit(TestPeer::client, "010348656c" + "80026c6f", List.of("text:Hello"));
    }

    @Test
    @DisplayName("RFC 6455 §5.7: unmasked ping \"Hello\" is answered by a pong with the same payload")
    void unmaskedPing() {
        assertEverySplit(TestPeer::client, "890548656c6c6f", List.of("ping:48656c6c6f"));
        TestPeer client = TestPeer.client().receiveHex("890548656c6c6f");
        assertThat(client.sink.frames()).singleElement()
                .satisfies(f -> {
                    assertThat(f.opcode()).isEqualTo(0xA);
                    assertThat(f.payloadHex()).isEqualTo("48656c6c6f");
                });
    }

    @Test
    @DisplayName("RFC 6455 §5.7: masked pong \"Hello\"")
    void maskedPong() {
        assertEverySplit(TestPeer::server, "8a8537fa213d7f9f4d5158", List.of("pong:48656c6c6f"));
    }

    @Test
    @DisplayName("RFC 6455 §5.7: 256 bytes of binary data in a single unmasked message (16-bit length)")
    void binary256() {
        byte[] payload = new byte[256];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        assertEverySplit(TestPeer::client, "827e0100" + Hex.of(payload), List.of("binary:" + Hex.of(payload)));
    }

    @Test
    @DisplayName("RFC 6455 §5.7: 64 KiB of binary data in a single unmasked message (64-bit length)")
    void binary64KiB() {
        byte[] payload = new byte[65536];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        byte[] wire = Hex.bytes("827f0000000000010000" + Hex.of(payload));
        ByteBuffer expected = ByteBuffer.wrap(payload);
        // Unmasked input is not modified, so one array serves every split; compare buffers, not hex.
        int[] matches = new int[1];
        WebSocketListener check = new WebSocketListener() {
            @Override
            public void onBinary(Connection connection, ByteBuffer data) {
                assertThat(data).isEqualTo(expected);
                matches[0]++;
            }
        };
        for (int split = 0; split <= wire.length; split++) {
            Connection c = new Connection(Role.CLIENT, ConnectionSettings.DEFAULTS, null,
                    MaskKeySource.fixed(TestPeer.KEY), check, (b, control) -> { });
            c.receive(ByteBuffer.wrap(wire, 0, split));
            c.receive(ByteBuffer.wrap(wire, split, wire.length - split));
        }
        assertThat(matches[0]).isEqualTo(wire.length + 1);
        TestPeer bytewise = TestPeer.client();
        for (int i = 0; i < wire.length; i++) {
            bytewise.connection.receive(ByteBuffer.wrap(wire, i, 1));
        }
        assertThat(bytewise.listener.events).containsExactly("binary:" + Hex.of(payload));
    }

    @Test
    @DisplayName("RFC 6455 §5.3: client masks \"Hello\" with key 37fa213d exactly as in §5.7")
    void clientEncodesMaskedExample() {
        TestPeer client = TestPeer.client();
        client.connection.sendText("Hello");
        assertThat(Hex.of(client.sink.bytes())).isEqualTo("818537fa213d7f9f4d5158");
    }

    @Test
    @DisplayName("RFC 6455 §5.7: server sends \"Hello\" unmasked exactly as in §5.7")
    void serverEncodesUnmaskedExample() {
        TestPeer server = TestPeer.server();
        server.connection.sendText("Hello");
        assertThat(Hex.of(server.sink.bytes())).isEqualTo("810548656c6c6f");
    }

    @Test
    @DisplayName("RFC 6455 §5.7: masked frames fed as read-only buffers are unmasked in a scratch buffer")
    void readOnlyMaskedInput() {
        byte[] wire = Hex.bytes("818537fa213d7f9f4d5158");
        for (int split = 0; split <= wire.length; split++) {
            TestPeer server = TestPeer.server();
            server.connection.receive(ByteBuffer.wrap(wire, 0, split).asReadOnlyBuffer());
            server.connection.receive(ByteBuffer.wrap(wire, split, wire.length - split).asReadOnlyBuffer());
            assertThat(server.listener.events).as("split at %d", split).containsExactly("text:Hello");
        }
        assertThat(Hex.of(wire)).isEqualTo("818537fa213d7f9f4d5158");
    }

    @Test
    @DisplayName("RFC 6455 §5.7: masked frames in a direct buffer")
    void directBufferInput() {
        byte[] wire = Hex.bytes("818537fa213d7f9f4d5158");
        ByteBuffer direct = ByteBuffer.allocateDirect(wire.length).put(wire).flip();
        TestPeer server = TestPeer.server();
        server.connection.receive(direct);
        assertThat(server.listener.events).containsExactly("text:Hello");
        assertThat(direct.hasRemaining()).isFalse();
    }

    @Test
    @DisplayName("RFC 6455 §5.6: multi-byte UTF-8 text decoded from a direct buffer, from its position on")
    void directBufferMultiByteText() {
        String text = "a€ö𝄞".repeat(2000) + "z";
        TestPeer server = TestPeer.server();
        byte[] frame = server.frameFromPeer(true, 0, 0x1, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // Three bytes before the frame, already consumed: decoding must start at the position.
        ByteBuffer direct = ByteBuffer.allocateDirect(frame.length + 3).put(new byte[3]).put(frame).flip();
        direct.position(3);
        server.connection.receive(direct);
        assertThat(server.listener.events).containsExactly("text:" + text);
        assertThat(direct.hasRemaining()).isFalse();
    }
}
