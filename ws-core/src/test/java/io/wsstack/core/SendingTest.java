package io.wsstack.core;

import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_BINARY;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_CONTINUATION;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a connection writes: RFC 6455 §5.1–§5.4 on the sending side. */
class SendingTest {

    @Test
    @DisplayName("RFC 6455 §5.2: lengths use the minimal form at 125, 126, 65535 and 65536 bytes")
    void minimalLengthEncoding() {
        TestPeer server = TestPeer.server();
        for (int n : new int[] {125, 126, 65535, 65536}) {
            server.connection.sendBinary(new byte[n]);
        }
        assertThat(server.sink.buffers).extracting(b -> Hex.of(b).substring(0, 20)).containsExactly(
                "827d" + "0".repeat(16), "827e007e" + "0".repeat(12), "827effff" + "0".repeat(12),
                "827f0000000000010000");
    }

    @Test
    @DisplayName("RFC 6455 §5.3: every client frame is masked with a fresh key from the MaskKeySource")
    void clientMasksWithInjectedKeys() {
        int[] keys = {0x01020304, 0x0a0b0c0d};
        int[] next = {0};
        CapturingSink sink = new CapturingSink(Role.CLIENT);
        Connection client = new Connection(Role.CLIENT, ConnectionSettings.DEFAULTS, null,
                () -> keys[next[0]++], new RecordingListener(), sink);
        client.sendBinary(new byte[] {0, 0});
        client.sendBinary(new byte[] {0, 0});
        assertThat(sink.buffers).extracting(Hex::of).containsExactly("828201020304" + "0102", "82820a0b0c0d" + "0a0b");
    }

    @Test
    @DisplayName("RFC 6455 §5.3: a client without a MaskKeySource is refused")
    void clientNeedsKeys() {
        assertThatThrownBy(() -> new Connection(Role.CLIENT, ConnectionSettings.DEFAULTS, null, null,
                new RecordingListener(), (b, c) -> { })).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("RFC 6455 §5.4: sendFragment sends text, continuations and a final frame")
    void fragmentedSend() {
        TestPeer client = TestPeer.client();
        client.connection.sendFragment(true, ByteBuffer.wrap("Hel".getBytes(StandardCharsets.UTF_8)), false);
        client.connection.sendPing(ByteBuffer.allocate(0));
        client.connection.sendFragment(true, ByteBuffer.wrap("l".getBytes(StandardCharsets.UTF_8)), false);
        client.connection.sendFragment(false, ByteBuffer.wrap("o".getBytes(StandardCharsets.UTF_8)), true);
        client.connection.sendBinary(new byte[] {1});
        assertThat(client.sink.frames()).extracting(f -> f.opcode() + ":" + f.fin() + ":" + new String(f.payload(), StandardCharsets.UTF_8))
                .containsExactly(OPCODE_TEXT + ":false:Hel", "9:true:", OPCODE_CONTINUATION + ":false:l",
                        OPCODE_CONTINUATION + ":true:o", OPCODE_BINARY + ":true:\u0001");

        TestPeer server = TestPeer.server();
        server.receive(client.sink.bytes());
        assertThat(server.listener.events).containsExactly("ping:", "text:Hello", "binary:01");
    }

    @Test
    @DisplayName("RFC 6455 §5.4: a whole message may not start while a fragmented one is being sent")
    void noInterleavedMessages() {
        TestPeer server = TestPeer.server();
        server.connection.sendFragment(false, ByteBuffer.allocate(1), false);
        assertThatThrownBy(() -> server.connection.sendText("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> server.connection.sendPrepared(PreparedMessage.text("x")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("RFC 6455 §5.1: a prepared message is one unmasked frame, shared by many server connections")
    void preparedMessage() {
        PreparedMessage message = PreparedMessage.text("Hello");
        assertThat(message.payloadLength()).isEqualTo(5);
        assertThat(message.frames().isReadOnly()).isTrue();
        TestPeer a = TestPeer.server();
        TestPeer b = TestPeer.server();
        a.connection.sendPrepared(message);
        b.connection.sendPrepared(message);
        assertThat(Hex.of(a.sink.bytes())).isEqualTo("810548656c6c6f");
        assertThat(Hex.of(b.sink.bytes())).isEqualTo("810548656c6c6f");
        assertThat(Hex.of(PreparedMessage.binary(ByteBuffer.wrap(new byte[] {1})).frames())).isEqualTo("820101");
        assertThat(Hex.of(PreparedMessage.of(true, ByteBuffer.wrap(new byte[] {1}), true).frames())).isEqualTo("c10101");
    }

    @Test
    @DisplayName("RFC 6455 §5.1: a client may not send prepared (unmasked) frames")
    void preparedMessageClientRefused() {
        TestPeer client = TestPeer.client();
        assertThatThrownBy(() -> client.connection.sendPrepared(PreparedMessage.text("x")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("RFC 7692 §6: a compressed prepared message needs a connection that negotiated compression")
    void compressedPreparedNeedsCompression() {
        TestPeer server = TestPeer.server();
        PreparedMessage compressed = PreparedMessage.of(false, ByteBuffer.allocate(1), true);
        assertThatThrownBy(() -> server.connection.sendPrepared(compressed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("RFC 6455 §5.6: sendText(CharSequence) encodes as UTF-8; sendBinary leaves the buffer position")
    void textAndBinaryPayloads() {
        TestPeer server = TestPeer.server();
        server.connection.sendText(new StringBuilder("é"));
        ByteBuffer data = ByteBuffer.wrap(new byte[] {9, 8});
        server.connection.sendBinary(data);
        assertThat(data.position()).isZero();
        assertThat(server.sink.buffers).extracting(Hex::of).containsExactly("8102c3a9", "82020908");
        assertThat(server.connection.role()).isEqualTo(Role.SERVER);
    }
}
