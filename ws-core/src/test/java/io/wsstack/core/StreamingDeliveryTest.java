package io.wsstack.core;

import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_BINARY;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_CONTINUATION;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Streaming delivery (RFC 6455 §5.4: a message may be processed fragment by fragment). */
class StreamingDeliveryTest {

    private static TestPeer streamingServer(long maxMessage) {
        return TestPeer.server(ConnectionSettings.builder().streaming(true).maxMessageSize(maxMessage).build());
    }

    @Test
    @DisplayName("RFC 6455 §5.4: streamed binary pieces follow the input; only the very last is flagged")
    void binaryPiecesFollowInput() {
        TestPeer server = streamingServer(1 << 20);
        byte[] first = server.frameFromPeer(false, 0, OPCODE_BINARY, new byte[] {1, 2, 3});
        byte[] second = server.frameFromPeer(true, 0, OPCODE_CONTINUATION, new byte[] {4, 5});
        server.connection.receive(ByteBuffer.wrap(first, 0, first.length - 1));
        server.connection.receive(ByteBuffer.wrap(first, first.length - 1, 1));
        server.connection.receive(ByteBuffer.wrap(second, 0, second.length - 1));
        server.connection.receive(ByteBuffer.wrap(second, second.length - 1, 1));
        assertThat(server.listener.events).containsExactly(
                "binaryFragment:0102", "binaryFragment:03", "binaryFragment:04", "binaryFragment:05:last");
    }

    @Test
    @DisplayName("RFC 6455 §10.4: streamed messages are still bounded by maxMessageSize → 1009")
    void streamedMessageLimit() {
        TestPeer server = streamingServer(4);
        server.receiveFrame(false, OPCODE_BINARY, new byte[] {1, 2, 3});
        server.receiveFrame(true, OPCODE_CONTINUATION, new byte[] {4, 5});
        assertThat(server.listener.events).containsExactly("binaryFragment:010203", "error:1009");
        assertThat(server.errorCloseCode()).isEqualTo(1009);
    }
}
