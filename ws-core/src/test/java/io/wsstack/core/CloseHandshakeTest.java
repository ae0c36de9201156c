package io.wsstack.core;

import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_CLOSE;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsstack.core.internal.utf8.Utf8Validator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The closing handshake: RFC 6455 §5.5.1, §7.1.5 and the close codes of §7.4. */
class CloseHandshakeTest {

    private static byte[] closeBody(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + r.length).putShort((short) code).put(r).array();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: a Close with a 1-byte payload → 1002")
    void oneBytePayload() {
        TestPeer server = TestPeer.server();
        server.receiveFrame(true, OPCODE_CLOSE, new byte[] {3});
        assertThat(server.errorCloseCode()).isEqualTo(1002);
    }

    @Test
    @DisplayName("RFC 6455 §5.5: a Close with a 126-byte payload → 1002")
    void overlongClose() {
        TestPeer server = TestPeer.server();
        byte[] body = new byte[126];
        body[0] = 0x03;
        body[1] = (byte) 0xE8;
        server.receiveFrame(true, OPCODE_CLOSE, body);
        assertThat(server.errorCloseCode()).isEqualTo(1002);
    }

    @ParameterizedTest(name = "RFC 6455 §7.4.1/§7.4.2: close code {0} is not allowed on the wire → 1002")
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void invalidCodes(int code) {
        TestPeer server = TestPeer.server();
        server.receiveFrame(true, OPCODE_CLOSE, closeBody(code, ""));
        assertThat(server.errorCloseCode()).isEqualTo(1002);
        assertThat(server.listener.events).containsExactly("error:1002");
    }

    @ParameterizedTest(name = "RFC 6455 §7.4.1: close code {0} is accepted and echoed")
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4000, 4999})
    void validCodes(int code) {
        TestPeer server = TestPeer.server();
        server.receiveFrame(true, OPCODE_CLOSE, closeBody(code, "bye"));
        assertThat(server.listener.events).containsExactly("close:" + code + ":bye");
        assertThat(server.sink.closeCode()).isEqualTo(code);
        assertThat(server.connection.peerCloseCode()).isEqualTo(code);
        assertThat(server.connection.peerCloseReason()).isEqualTo("bye");
        assertThat(server.connection.state()).isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: a close reason that is not UTF-8 → 1007")
    void invalidReason() {
        TestPeer server = TestPeer.server();
        byte[] body = {0x03, (byte) 0xE8, (byte) 0xCE, (byte) 0xBA, (byte) 0xE1, (byte) 0xBD};
        server.receiveFrame(true, OPCODE_CLOSE, body);
        assertThat(server.errorCloseCode()).isEqualTo(1007);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: an empty Close is reported as 1005 and echoed empty")
    void emptyCloseEchoedEmpty() {
        TestPeer server = TestPeer.server().receiveHex("888037fa213d");
        assertThat(server.listener.events).containsExactly("close:1005:");
        assertThat(server.sink.closeFrames()).singleElement()
                .satisfies(f -> assertThat(f.payload()).isEmpty());
        assertThat(server.connection.peerCloseCode()).isEqualTo(1005);
        assertThat(server.connection.peerCloseReason()).isEmpty();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: the echo is handed to the sink as a control frame before onClose")
    void echoBeforeOnClose() {
        TestPeer server = TestPeer.server();
        boolean[] echoed = new boolean[1];
        Connection c = new Connection(Role.SERVER, ConnectionSettings.DEFAULTS, null, null,
                new WebSocketListener() {
                    @Override
                    public void onClose(Connection connection, int code, String reason) {
                        assertThat(echoed[0]).isTrue();
                    }
                }, (frames, control) -> echoed[0] = control);
        c.receive(ByteBuffer.wrap(server.frameFromPeer(true, 0, OPCODE_CLOSE, closeBody(1000, ""))));
        assertThat(echoed[0]).isTrue();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: frames after the peer's Close are ignored and the echo is sent once")
    void framesAfterPeerCloseIgnored() {
        TestPeer server = TestPeer.server();
        byte[] close = server.frameFromPeer(true, 0, OPCODE_CLOSE, closeBody(1000, ""));
        byte[] text = server.frameFromPeer(true, 0, OPCODE_TEXT, "late".getBytes(StandardCharsets.UTF_8));
        byte[] both = new byte[close.length + text.length];
        System.arraycopy(close, 0, both, 0, close.length);
        System.arraycopy(text, 0, both, close.length, text.length);
        server.receive(both);
        server.receive(server.frameFromPeer(true, 0, OPCODE_CLOSE, closeBody(1001, "")));
        assertThat(server.listener.events).containsExactly("close:1000:");
        assertThat(server.sink.closeFrames()).hasSize(1);
    }

    @Test
    @DisplayName("RFC 6455 §7.1.2: we close first → CLOSING; the peer's Close completes it without a second Close")
    void weCloseFirst() {
        TestPeer server = TestPeer.server();
        assertThat(server.connection.state()).isEqualTo(ConnectionState.OPEN);
        server.connection.close(1000, "done");
        assertThat(server.connection.state()).isEqualTo(ConnectionState.CLOSING);
        assertThat(server.connection.isCloseSent()).isTrue();
        assertThat(server.connection.isCloseReceived()).isFalse();
        assertThat(server.connection.peerCloseCode()).isEqualTo(-1);
        assertThat(server.connection.peerCloseReason()).isNull();
        server.receiveFrame(true, OPCODE_TEXT, "still delivered".getBytes(StandardCharsets.UTF_8));
        server.receiveFrame(true, OPCODE_CLOSE, closeBody(1000, ""));
        assertThat(server.connection.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(server.listener.events).containsExactly("text:still delivered", "close:1000:");
        assertThat(server.sink.closeFrames()).singleElement().satisfies(f -> {
            assertThat(f.closeCode()).isEqualTo(1000);
            assertThat(new String(f.payload(), 2, f.payload().length - 2, StandardCharsets.UTF_8)).isEqualTo("done");
        });
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: close() without arguments sends an empty Close")
    void closeWithoutCode() {
        TestPeer client = TestPeer.client();
        client.connection.close();
        assertThat(client.sink.closeFrames()).singleElement().satisfies(f -> assertThat(f.payload()).isEmpty());
        client.connection.close(1000, "again");
        assertThat(client.sink.closeFrames()).hasSize(1);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: no data may be sent after our Close")
    void noDataAfterClose() {
        TestPeer server = TestPeer.server();
        server.connection.close(1000, "");
        assertThatThrownBy(() -> server.connection.sendText("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> server.connection.sendBinary(new byte[1])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> server.connection.sendPing(ByteBuffer.allocate(0)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> server.connection.sendFragment(true, ByteBuffer.allocate(0), true))
                .isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "RFC 6455 §7.4.2: close({0}) is refused locally")
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 2000, 5000})
    void closeRefusesInvalidCode(int code) {
        TestPeer server = TestPeer.server();
        assertThatThrownBy(() -> server.connection.close(code, "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.sink.buffers).isEmpty();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: a close reason over 123 UTF-8 bytes is refused; exactly 123 is sent")
    void closeReasonLength() {
        TestPeer server = TestPeer.server();
        assertThatThrownBy(() -> server.connection.close(1000, "é".repeat(62)))
                .isInstanceOf(IllegalArgumentException.class);
        server.connection.close(1000, "a" + "é".repeat(61));
        assertThat(server.sink.closeFrames()).singleElement()
                .satisfies(f -> assertThat(f.payload()).hasSize(125));
    }

    @Test
    @DisplayName("RFC 6455 §7.1.7: an error close reason is cut to 123 bytes on a UTF-8 boundary")
    void errorReasonTruncation() {
        byte[] cut = CloseFrames.truncatedReason("a" + "€".repeat(60));
        assertThat(cut.length).isLessThanOrEqualTo(123);
        assertThat(Utf8Validator.isValid(cut, 0, cut.length)).isTrue();
        assertThat(new String(cut, StandardCharsets.UTF_8)).isEqualTo("a" + "€".repeat(40));
    }

    @Test
    @DisplayName("RFC 6455 §7.1.7: a violation while CLOSING sends no second Close")
    void violationWhileClosing() {
        TestPeer server = TestPeer.server();
        server.connection.close(1000, "");
        server.receiveHex("810548656c6c6f");
        assertThat(server.listener.events).containsExactly("error:1002");
        assertThat(server.sink.closeFrames()).singleElement().satisfies(f -> assertThat(f.closeCode()).isEqualTo(1000));
        assertThat(server.connection.state()).isEqualTo(ConnectionState.CLOSED);
    }
}
