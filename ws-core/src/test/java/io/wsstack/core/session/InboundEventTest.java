package io.wsstack.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.core.Connection;
import io.wsstack.core.ConnectionSettings;
import io.wsstack.core.Role;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InboundEventTest {

    private final InboundEvent event = new InboundEvent(true);
    private final List<String> wire = new ArrayList<>();
    private final Connection connection = new Connection(Role.SERVER, ConnectionSettings.builder().build(), null, null, event,
            (frames, control) -> wire.add(HexFormat.of().formatHex(bytes(frames))));

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static ByteBuffer hex(String s) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(s));
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: one event per receive, so an echo is queued before the Close 1002 of a later bad frame")
    void echoBeforeCloseOfLaterBadFrame() {
        // RFC 6455 §5.7 masked "Hello", then a frame with reserved opcode 3.
        ByteBuffer in = hex("818537fa213d7f9f4d5158" + "8380" + "00000000");
        connection.receive(in);
        assertThat(event.kind()).isEqualTo(InboundEvent.Kind.TEXT);
        assertThat(event.text()).isEqualTo("Hello");
        assertThat(in.hasRemaining()).isTrue();
        connection.sendText(event.text());
        event.clear();
        connection.receive(in);
        assertThat(event.kind()).isEqualTo(InboundEvent.Kind.PROTOCOL_ERROR);
        assertThat(event.error().closeCode()).isEqualTo(1002);
        assertThat(wire).hasSize(2);
        assertThat(wire.get(0)).isEqualTo("810548656c6c6f");
        assertThat(wire.get(1)).startsWith("88").contains("03ea");
    }

    @Test
    @DisplayName("RFC 6455 §5.5.2/§5.5.3: a burst of pings yields one event each, every ping answered in order")
    void pingBurst() {
        StringBuilder pings = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            pings.append("8981").append("00000000").append(String.format("%02x", i));
        }
        ByteBuffer in = hex(pings.toString());
        List<Byte> seen = new ArrayList<>();
        while (in.hasRemaining()) {
            connection.receive(in);
            assertThat(event.kind()).isEqualTo(InboundEvent.Kind.PING);
            seen.add(event.data().get(0));
            event.clear();
        }
        assertThat(seen).containsExactly((byte) 0, (byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5, (byte) 6, (byte) 7, (byte) 8, (byte) 9);
        assertThat(wire).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(wire.get(i)).isEqualTo("8a01" + String.format("%02x", i));
        }
    }

    @Test
    @DisplayName("A binary payload is the listener's own copy, still valid after the engine reads on")
    void binaryCopied() {
        ByteBuffer in = hex("828300000000616263" + "828300000000787878");
        connection.receive(in);
        ByteBuffer first = event.data();
        event.clear();
        connection.receive(in);
        assertThat(StandardCharsets.US_ASCII.decode(first).toString()).isEqualTo("abc");
    }

    @Test
    @DisplayName("RFC 6455 §5.6: a text event carries its UTF-8 payload length, whole or fragmented, so nobody counts it again")
    void textCarriesPayloadLength() {
        // "h\u00e9llo" is 6 UTF-8 bytes: unmasked here would be refused, so mask with key 0.
        connection.receive(hex("8186" + "00000000" + "68c3a96c6c6f"));
        assertThat(event.text()).isEqualTo("h\u00e9llo");
        assertThat(event.payloadLength()).isEqualTo(6);
        event.clear();
        // The same text in two fragments.
        connection.receive(hex("0183" + "00000000" + "68c3a9" + "8083" + "00000000" + "6c6c6f"));
        assertThat(event.kind()).isEqualTo(InboundEvent.Kind.TEXT);
        assertThat(event.payloadLength()).isEqualTo(6);
    }
}
