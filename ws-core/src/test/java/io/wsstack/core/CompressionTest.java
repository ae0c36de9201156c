package io.wsstack.core;

import static io.wsstack.core.internal.frame.WebSocketProtocol.B0_FLAG_RSV1;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_CONTINUATION;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_PING;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How the connection drives a negotiated permessage-deflate (RFC 7692 §6, §7.2) and the RSV1 rules. */
class CompressionTest {

    private static TestPeer peer(Role role, long maxMessage, long threshold) {
        return new TestPeer(role, ConnectionSettings.builder().maxMessageSize(maxMessage).build(),
                new TestDeflate(threshold));
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.1: the compressed \"Hello\" example c107f248cdc9c90700 is inflated")
    void rfc7692Example() {
        byte[] wire = Hex.bytes("c107f248cdc9c90700");
        for (int split = 0; split <= wire.length; split++) {
            TestPeer client = peer(Role.CLIENT, 1 << 20, 0);
            client.connection.receive(ByteBuffer.wrap(wire, 0, split));
            client.connection.receive(ByteBuffer.wrap(wire, split, wire.length - split));
            assertThat(client.listener.events).as("split at %d", split).containsExactly("text:Hello");
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.1: fragmented compressed \"Hello\" (RSV1 on the first frame only)")
    void fragmentedCompressed() {
        TestPeer client = peer(Role.CLIENT, 1 << 20, 0).receiveHex("4103f248cd" + "8004c9c90700");
        assertThat(client.listener.events).containsExactly("text:Hello");
    }

    @Test
    @DisplayName("RFC 7692 §6: RSV1 on a continuation frame → 1002")
    void rsv1OnContinuation() {
        TestPeer server = peer(Role.SERVER, 1 << 20, 0);
        server.receive(server.frameFromPeer(false, 0, OPCODE_TEXT, "a".getBytes()));
        server.receive(server.frameFromPeer(true, B0_FLAG_RSV1, OPCODE_CONTINUATION, "b".getBytes()));
        assertThat(server.errorCloseCode()).isEqualTo(1002);
    }

    @Test
    @DisplayName("RFC 7692 §6: RSV1 on a control frame → 1002")
    void rsv1OnControl() {
        TestPeer server = peer(Role.SERVER, 1 << 20, 0);
        server.receive(server.frameFromPeer(true, B0_FLAG_RSV1, OPCODE_PING, new byte[0]));
        assertThat(server.errorCloseCode()).isEqualTo(1002);
    }

    @Test
    @DisplayName("RFC 6455 §5.2: RSV2 is refused even when permessage-deflate is negotiated → 1002")
    void rsv2WithDeflate() {
        TestPeer server = peer(Role.SERVER, 1 << 20, 0);
        server.receive(server.frameFromPeer(true, 0x20, OPCODE_TEXT, new byte[0]));
        assertThat(server.errorCloseCode()).isEqualTo(1002);
    }

    @Test
    @DisplayName("RFC 7692 §7.2: compressed round trip sets RSV1 on the first frame; below the threshold none")
    void roundTrip() {
        TestPeer client = peer(Role.CLIENT, 1 << 20, 10);
        client.connection.sendText("a".repeat(1000));
        client.connection.sendText("short");
        client.connection.sendFragment(false, ByteBuffer.wrap(new byte[100]), false);
        client.connection.sendFragment(false, ByteBuffer.wrap(new byte[100]), true);
        assertThat(client.sink.frames()).extracting(f -> f.rsv()).containsExactly(B0_FLAG_RSV1, 0, B0_FLAG_RSV1, 0);
        assertThat(client.sink.frames().get(0).payload().length).isLessThan(100);

        TestPeer server = peer(Role.SERVER, 1 << 20, 10);
        server.receive(client.sink.bytes());
        assertThat(server.listener.events).containsExactly(
                "text:" + "a".repeat(1000), "text:short", "binary:" + "00".repeat(200));
    }

    @Test
    @DisplayName("RFC 7692 §8.1 / RFC 6455 §10.4: inflated size exactly at maxMessageSize is accepted")
    void inflatedAtLimit() {
        TestPeer client = peer(Role.CLIENT, 1 << 20, 0);
        client.connection.sendBinary(new byte[5000]);
        TestPeer server = peer(Role.SERVER, 5000, 0);
        server.receive(client.sink.bytes());
        assertThat(server.listener.error).isNull();
        assertThat(server.listener.events).hasSize(1);
    }

    @Test
    @DisplayName("RFC 7692 §8.1 / RFC 6455 §10.4: decompression bomb, inflated maxMessageSize + 1 → 1009")
    void inflatedOverLimit() {
        TestPeer client = peer(Role.CLIENT, 1 << 20, 0);
        client.connection.sendBinary(new byte[5001]);
        byte[] wire = client.sink.bytes();
        assertThat(wire.length).isLessThan(100);
        TestPeer server = peer(Role.SERVER, 5000, 0);
        server.receive(wire);
        assertThat(server.errorCloseCode()).isEqualTo(1009);
    }

    @Test
    @DisplayName("RFC 7692 §6 / RFC 6455 §8.1: invalid UTF-8 inside a compressed text message → 1007")
    void invalidUtf8AfterInflation() {
        TestDeflate deflate = new TestDeflate(0);
        ByteBuffer compressed = deflate.compress(ByteBuffer.wrap(new byte[] {'a', (byte) 0xC0, (byte) 0x80}), true);
        TestPeer server = peer(Role.SERVER, 1 << 20, 0);
        byte[] payload = new byte[compressed.remaining()];
        compressed.get(payload);
        server.receive(server.frameFromPeer(true, B0_FLAG_RSV1, OPCODE_TEXT, payload));
        assertThat(server.errorCloseCode()).isEqualTo(1007);
    }

    @Test
    @DisplayName("RFC 7692 §7.2: release() closes the compression state once")
    void releaseClosesCompression() {
        TestDeflate deflate = new TestDeflate(0);
        Connection c = new Connection(Role.SERVER, ConnectionSettings.DEFAULTS, deflate, null,
                new RecordingListener(), (b, control) -> { });
        c.release();
        c.release();
        assertThat(deflate.closed).isTrue();
    }
}
