package io.wsstack.core;

import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_BINARY;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_CONTINUATION;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_PING;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Header rules of RFC 6455 §5.1–§5.5, each closing with its exact code before any payload is used. */
class FramingRulesTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "RFC 6455 §5.2: RSV bits 0x{0} without a negotiated extension → 1002")
    @ValueSource(ints = {0x40, 0x20, 0x10, 0x70})
    void reservedBitsWithoutExtension(int rsv) {
        TestPeer server = TestPeer.server();
        server.receive(server.frameFromPeer(true, rsv, OPCODE_TEXT, utf8("Hello")));
        assertThat(server.errorCloseCode()).isEqualTo(1002);
        assertThat(server.listener.events).containsExactly("error:1002");
    }

    @Test
    @DisplayName("RFC 6455 §5.1: unmasked frame from a client → 1002, no payload delivered")
    void unmaskedClientFrame() {
        TestPeer server = TestPeer.server().receiveHex("810548656c6c6f");
        assertThat(server.errorCloseCode()).isEqualTo(1002);
        assertThat(server.listener.events).containsExactly("error:1002");
    }

    @Test
    @DisplayName("RFC 6455 §5.1: masked frame from a server → 1002, no payload delivered")
    void maskedServerFrame() {
        TestPeer client = TestPeer.client().receiveHex("818537fa213d7f9f4d5158");
        assertThat(client.errorCloseCode()).isEqualTo(1002);
        assertThat(client.listener.events).containsExactly("error:1002");
    }

    @ParameterizedTest(name = "RFC 6455 §5.2: reserved opcode {0} → 1002")
    @ValueSource(ints = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void reservedOpcodes(int opcode) {
        TestPeer server = TestPeer.server();
        server.receive(server.frameFromPeer(true, 0, opcode, new byte[0]));
        assertThat(server.errorCloseCode()).isEqualTo(1002);
    }

    @Test
    @DisplayName("RFC 6455 §5.5: fragmented control frame (ping without FIN) → 1002")
    void fragmentedControlFrame() {
        TestPeer server = TestPeer.server();
        server.receive(server.frameFromPeer(false, 0, OPCODE_PING, utf8("x")));
        assertThat(server.errorCloseCode()).isEqualTo(1002);
        assertThat(server.listener.events).containsExactly("error:1002");
    }

    @Test
    @DisplayName("RFC 6455 §5.5: control frame with 126 bytes → 1002 from the header alone")
    void controlFrameTooLong() {
        // 89 FE 007E: FIN+ping, masked, 16-bit length 126; no mask key or payload sent yet.
        TestPeer server = TestPeer.server().receiveHex("89fe007e");
        assertThat(server.errorCloseCode()).isEqualTo(1002);
    }

    @Test
    @DisplayName("RFC 6455 §5.5: control frame of exactly 125 bytes is accepted")
    void controlFrameOf125Bytes() {
        TestPeer server = TestPeer.server();
        server.receiveFrame(true, OPCODE_PING, new byte[125]);
        assertThat(server.listener.error).isNull();
        assertThat(server.listener.events).containsExactly("ping:" + "00".repeat(125));
    }

    @Test
    @DisplayName("RFC 6455 §5.4: continuation frame without a message in progress → 1002")
    void continuationWithoutStart() {
        TestPeer server = TestPeer.server();
        server.receiveFrame(true, OPCODE_CONTINUATION, utf8("lo"));
        assertThat(server.errorCloseCode()).isEqualTo(1002);
    }

    @Test
    @DisplayName("RFC 6455 §5.4: new text frame inside a fragmented message → 1002")
    void dataFrameInsideFragmentedMessage() {
        TestPeer server = TestPeer.server();
        server.receiveFrame(false, OPCODE_TEXT, utf8("Hel"));
        server.receiveFrame(true, OPCODE_BINARY, utf8("lo"));
        assertThat(server.errorCloseCode()).isEqualTo(1002);
        assertThat(server.listener.events).containsExactly("error:1002");
    }

    @Test
    @DisplayName("RFC 6455 §5.4: control frames may be injected between fragments")
    void pingBetweenFragments() {
        TestPeer server = TestPeer.server();
        server.receiveFrame(false, OPCODE_TEXT, utf8("Hel"));
        server.receiveFrame(true, OPCODE_PING, utf8("p"));
        server.receiveFrame(true, OPCODE_CONTINUATION, utf8("lo"));
        assertThat(server.listener.events).containsExactly("ping:70", "text:Hello");
    }

    @Test
    @DisplayName("RFC 6455 §5.2: 64-bit length with the most significant bit set → 1002 before any payload")
    void sixtyFourBitLengthTopBit() {
        TestPeer server = TestPeer.server().receiveHex("82ff8000000000000001");
        assertThat(server.errorCloseCode()).isEqualTo(1002);
    }

    @Test
    @DisplayName("RFC 6455 §5.2: 16-bit length form for 125 bytes (non-minimal) → 1002")
    void nonMinimalSixteenBitLength() {
        TestPeer server = TestPeer.server().receiveHex("82fe007d");
        assertThat(server.errorCloseCode()).isEqualTo(1002);
    }

    @Test
    @DisplayName("RFC 6455 §5.2: 64-bit length form for 65535 bytes (non-minimal) → 1002")
    void nonMinimalSixtyFourBitLength() {
        TestPeer server = TestPeer.server().receiveHex("82ff000000000000ffff");
        assertThat(server.errorCloseCode()).isEqualTo(1002);
    }

    @Test
    @DisplayName("RFC 6455 §7.1.7: after a protocol error nothing more is delivered, even from the same buffer")
    void nothingAfterProtocolError() {
        TestPeer server = TestPeer.server();
        byte[] bad = server.frameFromPeer(true, 0x40, OPCODE_TEXT, utf8("a"));
        byte[] good = server.frameFromPeer(true, 0, OPCODE_TEXT, utf8("b"));
        byte[] both = new byte[bad.length + good.length];
        System.arraycopy(bad, 0, both, 0, bad.length);
        System.arraycopy(good, 0, both, bad.length, good.length);
        server.receive(both).receive(good);
        assertThat(server.listener.events).containsExactly("error:1002");
        assertThat(server.sink.closeFrames()).hasSize(1);
        assertThat(server.connection.state()).isEqualTo(ConnectionState.CLOSED);
    }
}
