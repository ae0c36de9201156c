package io.wsstack.core;

import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_CONTINUATION;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** RFC 6455 §8.1: invalid UTF-8 in a text message fails the connection with 1007, as early as possible. */
class TextValidationTest {

    @ParameterizedTest(name = "RFC 6455 §8.1: text containing {0} → 1007")
    @ValueSource(strings = {"c080", "e08080", "eda080", "f4908080", "f5", "ff", "80"})
    void invalidSequences(String hex) {
        TestPeer server = TestPeer.server();
        server.receiveFrame(true, OPCODE_TEXT, Hex.bytes("41" + hex + "42"));
        assertThat(server.errorCloseCode()).isEqualTo(1007);
        assertThat(server.listener.events).containsExactly("error:1007");
    }

    @Test
    @DisplayName("RFC 6455 §8.1: a text message ending inside a character at FIN → 1007")
    void truncatedAtFin() {
        TestPeer server = TestPeer.server();
        server.receiveFrame(false, OPCODE_TEXT, Hex.bytes("41"));
        server.receiveFrame(true, OPCODE_CONTINUATION, Hex.bytes("e282"));
        assertThat(server.errorCloseCode()).isEqualTo(1007);
    }

    @Test
    @DisplayName("RFC 6455 §8.1: a bad byte in the first fragment closes at once, although FIN never arrives")
    void failFastAcrossFragments() {
        TestPeer server = TestPeer.server();
        server.receiveFrame(false, OPCODE_TEXT, Hex.bytes("48656c6ceda080"));
        assertThat(server.errorCloseCode()).isEqualTo(1007);
    }

    @Test
    @DisplayName("RFC 6455 §8.1: a bad byte fails mid-frame, before the rest of the frame's payload arrives")
    void failFastMidFrame() {
        TestPeer server = TestPeer.server();
        byte[] payload = new byte[1000];
        java.util.Arrays.fill(payload, (byte) 'a');
        payload[10] = (byte) 0xC0;
        byte[] frame = server.frameFromPeer(true, 0, OPCODE_TEXT, payload);
        server.connection.receive(ByteBuffer.wrap(frame, 0, 8 + 20));
        assertThat(server.errorCloseCode()).isEqualTo(1007);
    }

    @Test
    @DisplayName("RFC 6455 §5.4: a character split across fragments is accepted")
    void characterAcrossFragments() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        TestPeer server = TestPeer.server();
        server.receiveFrame(false, OPCODE_TEXT, new byte[] {euro[0]});
        server.receiveFrame(false, OPCODE_CONTINUATION, new byte[] {euro[1]});
        server.receiveFrame(true, OPCODE_CONTINUATION, new byte[] {euro[2]});
        assertThat(server.listener.events).containsExactly("text:€");
    }

    @Test
    @DisplayName("RFC 6455 §5.6: streaming delivery ends text pieces on character boundaries")
    void streamingPiecesOnCharacterBoundaries() {
        TestPeer server = TestPeer.server(ConnectionSettings.builder().streaming(true).build());
        byte[] text = "a€b😀".getBytes(StandardCharsets.UTF_8); // 61 e282ac 62 f09f9880
        server.receiveFrame(false, OPCODE_TEXT, java.util.Arrays.copyOfRange(text, 0, 2));
        server.receiveFrame(false, OPCODE_CONTINUATION, java.util.Arrays.copyOfRange(text, 2, 6));
        server.receiveFrame(false, OPCODE_CONTINUATION, java.util.Arrays.copyOfRange(text, 6, 7));
        server.receiveFrame(true, OPCODE_CONTINUATION, java.util.Arrays.copyOfRange(text, 7, 9));
        assertThat(server.listener.events).containsExactly(
                "textFragment:a", "textFragment:€b", "textFragment:😀:last");
    }

    @Test
    @DisplayName("RFC 6455 §5.6: streaming delivery hands binary pieces per frame, the last flagged")
    void streamingBinary() {
        TestPeer server = TestPeer.server(ConnectionSettings.builder().streaming(true).build());
        server.receiveFrame(false, 2, new byte[] {1, 2});
        server.receiveFrame(true, OPCODE_CONTINUATION, new byte[0]);
        server.receiveFrame(true, 2, new byte[] {3});
        assertThat(server.listener.events).containsExactly(
                "binaryFragment:0102", "binaryFragment::last", "binaryFragment:03:last");
    }

    @Test
    @DisplayName("RFC 6455 §5.6: an empty text message is delivered as an empty string")
    void emptyText() {
        TestPeer server = TestPeer.server();
        server.receiveFrame(true, OPCODE_TEXT, new byte[0]);
        assertThat(server.listener.events).containsExactly("text:");
    }

    @ParameterizedTest(name = "RFC 6455 §8.1: boundary code point U+{0} in a text message passes at every split")
    @ValueSource(ints = {0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF})
    void boundaryCodePointsThroughConnection(int codePoint) {
        String text = "<" + new String(Character.toChars(codePoint)) + ">";
        byte[] wire = TestPeer.server().frameFromPeer(true, 0, OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8));
        for (int split = 0; split <= wire.length; split++) {
            byte[] copy = wire.clone();
            TestPeer server = TestPeer.server();
            server.connection.receive(ByteBuffer.wrap(copy, 0, split));
            server.connection.receive(ByteBuffer.wrap(copy, split, copy.length - split));
            assertThat(server.listener.events).as("split at %d", split).containsExactly("text:" + text);
        }
    }
}
