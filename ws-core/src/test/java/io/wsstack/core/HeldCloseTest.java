package io.wsstack.core;

import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_CLOSE;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link ConnectionSettings#holdOwedClose()}: a transport that decodes ahead of its handlers holds
 * the Close the engine owes until the answers to earlier messages are out (nothing may follow a
 * Close, RFC 6455 §5.5.1).
 */
class HeldCloseTest {

    private static final ConnectionSettings HOLD = ConnectionSettings.builder().holdOwedClose(true).build();

    @Test
    @DisplayName("holdingOwedClose(): the same shared instance every time, the other limits unchanged")
    void holdingVariantIsShared() {
        ConnectionSettings limits = ConnectionSettings.builder().maxFrameSize(1234).maxMessageSize(5678).maxFragments(9).build();
        ConnectionSettings held = limits.holdingOwedClose();
        assertThat(held.holdOwedClose()).isTrue();
        assertThat(limits.holdOwedClose()).isFalse();
        assertThat(held.maxFrameSize()).isEqualTo(1234);
        assertThat(held.maxMessageSize()).isEqualTo(5678);
        assertThat(held.maxFragments()).isEqualTo(9);
        assertThat(held.inboundBudget()).isSameAs(limits.inboundBudget());
        assertThat(limits.holdingOwedClose()).isSameAs(held);
        assertThat(held.holdingOwedClose()).isSameAs(held);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: the reply to the peer's Close is held; an earlier message's echo goes out before it")
    void peerCloseReplyHeld() {
        TestPeer server = TestPeer.server(HOLD);
        server.receive(concat(server.frameFromPeer(true, 0, OPCODE_TEXT, bytes("hi")),
                server.frameFromPeer(true, 0, OPCODE_CLOSE, new byte[] {0x03, (byte) 0xE8})));
        assertThat(server.listener.events).containsExactly("text:hi", "close:1000:");
        assertThat(server.sink.buffers).isEmpty();
        assertThat(server.connection.isCloseSent()).isFalse();

        server.connection.sendText("hi"); // the handler of the earlier message answers now
        assertThat(server.connection.sendOwedClose()).isTrue();

        assertThat(server.sink.frames()).extracting(CapturingSink.Frame::opcode).containsExactly(OPCODE_TEXT, OPCODE_CLOSE);
        assertThat(server.sink.closeCode()).isEqualTo(1000);
        assertThat(server.connection.isCloseSent()).isTrue();
        assertThat(server.connection.sendOwedClose()).isFalse();
    }

    @Test
    @DisplayName("RFC 6455 §7.1.7: the Close for a violation (1002, unmasked client frame) is held, then sent with its code")
    void violationCloseHeld() {
        TestPeer server = TestPeer.server(HOLD);
        server.receiveHex("810548656c6c6f"); // unmasked: a server must fail the connection
        assertThat(server.listener.error).isNotNull();
        assertThat(server.sink.buffers).isEmpty();
        assertThat(server.connection.sendOwedClose()).isTrue();
        assertThat(server.errorCloseCode()).isEqualTo(1002);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: the application's own Close sent while one is owed takes its place; no second Close")
    void ownCloseReplacesOwed() {
        TestPeer server = TestPeer.server(HOLD);
        server.receiveHex("810548656c6c6f");
        server.connection.close(1001, "going away");
        assertThat(server.connection.sendOwedClose()).isFalse();
        assertThat(server.sink.closeFrames()).hasSize(1);
        assertThat(server.sink.closeCode()).isEqualTo(1001);
    }

    @Test
    @DisplayName("by default the Close is sent the moment its cause is decoded")
    void defaultSendsAtOnce() {
        TestPeer server = TestPeer.server();
        server.receiveHex("810548656c6c6f");
        assertThat(server.errorCloseCode()).isEqualTo(1002);
        assertThat(server.connection.sendOwedClose()).isFalse();
        assertThat(ConnectionSettings.DEFAULTS.holdOwedClose()).isFalse();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
