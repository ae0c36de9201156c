package io.wsstack.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.core.internal.frame.WebSocketProtocol;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An idle connection holds no message buffer: the assembler's buffer exists only while a message
 * is in progress (borrowed from a shared pool up to 64 KiB), and what it delivered is intact.
 */
class IdleMemoryTest {

    @Test
    @DisplayName("A connection that has neither received nor sent a frame holds no decoder, assembler or encoder")
    void silentConnectionHoldsNoEngineParts() {
        TestPeer server = TestPeer.server();
        assertThat(server.connection.holdsEngineParts()).isFalse();
        server.connection.messageConsumed();
        server.connection.pauseDecoding();
        assertThat(server.connection.deliveredMessageSize()).isZero();
        assertThat(server.connection.holdsEngineParts()).isFalse();
        server.connection.release();
        assertThat(server.connection.holdsEngineParts()).isFalse();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.2: the first frame a silent connection gets is a ping, answered by a pong with its payload once the decoder is made on demand")
    void firstFrameMakesTheDecoderOnly() {
        TestPeer server = TestPeer.server();
        server.receive(server.frameFromPeer(true, 0, WebSocketProtocol.OPCODE_PING, "hb".getBytes()));
        assertThat(server.sink.frames()).hasSize(1);
        assertThat(server.sink.frames().get(0).opcode()).isEqualTo(WebSocketProtocol.OPCODE_PONG);
        assertThat(new String(server.sink.frames().get(0).payload())).isEqualTo("hb");
        assertThat(server.connection.holdsAssemblyBuffer()).isFalse();
        // Then a message: the assembler is made on demand and delivers it.
        server.receive(server.frameFromPeer(true, 0, WebSocketProtocol.OPCODE_TEXT, "Hello".getBytes()));
        assertThat(server.listener.events).contains("text:Hello");
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: a silent connection's own Close is encoded on demand and goes out with its code")
    void closeWithoutPriorTrafficIsEncoded() {
        TestPeer server = TestPeer.server();
        server.connection.close(CloseCodes.GOING_AWAY, "bye");
        assertThat(server.sink.closeFrames()).hasSize(1);
        assertThat(server.sink.closeFrames().get(0).closeCode()).isEqualTo(CloseCodes.GOING_AWAY);
    }

    @Test
    @DisplayName("RFC 6455 §5.4: a fragmented text message is buffered while in progress, and nothing is held after it")
    void fragmentedTextReleasesItsBuffer() {
        TestPeer server = TestPeer.server();
        // RFC 6455 §5.7: "Hel" then "lo", masked as a client sends them.
        server.receive(server.frameFromPeer(false, 0, WebSocketProtocol.OPCODE_TEXT, "Hel".getBytes()));
        assertThat(server.connection.holdsAssemblyBuffer()).isTrue();
        server.receive(server.frameFromPeer(true, 0, WebSocketProtocol.OPCODE_CONTINUATION, "lo".getBytes()));
        assertThat(server.listener.events).containsExactly("text:Hello");
        assertThat(server.connection.holdsAssemblyBuffer()).isFalse();
    }

    @Test
    @DisplayName("RFC 6455 §5.6: binary messages of 20 KiB and 200 KiB split across reads arrive intact, one after the other, and leave no buffer")
    void splitBinaryMessagesAreIntactAndReleased() {
        Random random = new Random(6455);
        for (int size : new int[] {5_000, 20 * 1024, 200 * 1024, 20 * 1024}) {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            ByteBuffer[] got = new ByteBuffer[1];
            Connection c = new Connection(Role.SERVER, ConnectionSettings.DEFAULTS, null, null, new WebSocketListener() {
                @Override
                public void onBinary(Connection connection, ByteBuffer data) {
                    got[0] = ByteBuffer.allocate(data.remaining()).put(data).flip();
                }
            }, (frames, control) -> { });
            TestPeer encoder = TestPeer.server();
            byte[] frame = encoder.frameFromPeer(true, 0, WebSocketProtocol.OPCODE_BINARY, payload);
            for (int off = 0; off < frame.length; off += 3000) {
                c.receive(ByteBuffer.wrap(frame, off, Math.min(3000, frame.length - off)));
            }
            assertThat(got[0]).as("delivered %d bytes", size).isNotNull();
            byte[] delivered = new byte[got[0].remaining()];
            got[0].get(delivered);
            assertThat(Arrays.equals(delivered, payload)).as("payload of %d bytes intact", size).isTrue();
            assertThat(c.holdsAssemblyBuffer()).isFalse();
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.1.7: a message cut off by a protocol error leaves no buffer behind")
    void failedMessageReleasesItsBuffer() {
        TestPeer server = TestPeer.server();
        server.receive(server.frameFromPeer(false, 0, WebSocketProtocol.OPCODE_BINARY, new byte[300]));
        assertThat(server.connection.holdsAssemblyBuffer()).isTrue();
        // A new data frame inside a fragmented message (RFC 6455 §5.4) → 1002.
        server.receive(server.frameFromPeer(true, 0, WebSocketProtocol.OPCODE_BINARY, new byte[1]));
        assertThat(server.errorCloseCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
        assertThat(server.connection.holdsAssemblyBuffer()).isFalse();
    }
}
