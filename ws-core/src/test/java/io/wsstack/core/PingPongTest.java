package io.wsstack.core;

import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_PING;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_PONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Ping and pong, RFC 6455 §5.5.2 and §5.5.3. */
class PingPongTest {

    @Test
    @DisplayName("RFC 6455 §5.5.2: a ping is answered with a pong of the same payload, handed over before onPing")
    void pongBeforeOnPing() {
        List<String> order = new ArrayList<>();
        Connection server = new Connection(Role.SERVER, ConnectionSettings.DEFAULTS, null, null,
                new WebSocketListener() {
                    @Override
                    public void onPing(Connection c, ByteBuffer payload) {
                        order.add("onPing:" + Hex.of(payload));
                    }
                }, (frames, control) -> order.add("sink:" + control + ":" + Hex.of(frames)));
        server.receive(Hex.buffer("898537fa213d7f9f4d5158"));
        assertThat(order).containsExactly("sink:true:8a0548656c6c6f", "onPing:48656c6c6f");
    }

    @Test
    @DisplayName("RFC 6455 §5.5.2: with autoPong off no pong is sent, the ping is still reported")
    void autoPongOff() {
        TestPeer server = TestPeer.server(ConnectionSettings.builder().autoPong(false).build());
        server.receiveFrame(true, OPCODE_PING, new byte[] {1});
        assertThat(server.sink.buffers).isEmpty();
        assertThat(server.listener.events).containsExactly("ping:01");
    }

    @Test
    @DisplayName("RFC 6455 §5.5.3: an unsolicited pong is accepted and reported")
    void unsolicitedPong() {
        TestPeer server = TestPeer.server();
        server.receiveFrame(true, OPCODE_PONG, new byte[0]);
        assertThat(server.listener.events).containsExactly("pong:");
        assertThat(server.sink.buffers).isEmpty();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.2: an empty ping gets an empty pong")
    void emptyPing() {
        TestPeer client = TestPeer.client().receiveHex("8900");
        assertThat(client.sink.frames()).singleElement().satisfies(f -> {
            assertThat(f.opcode()).isEqualTo(OPCODE_PONG);
            assertThat(f.payload()).isEmpty();
        });
    }

    @Test
    @DisplayName("RFC 6455 §5.5: sendPing and sendPong refuse more than 125 bytes and accept 125")
    void controlPayloadLimit() {
        TestPeer client = TestPeer.client();
        assertThatThrownBy(() -> client.connection.sendPing(ByteBuffer.allocate(126)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.connection.sendPong(ByteBuffer.allocate(126)))
                .isInstanceOf(IllegalArgumentException.class);
        client.connection.sendPing(ByteBuffer.allocate(125));
        client.connection.sendPong(ByteBuffer.wrap(new byte[] {7}));
        assertThat(client.sink.controlFlags).containsExactly(true, true);
        assertThat(client.sink.frames()).extracting(CapturingSink.Frame::opcode).containsExactly(OPCODE_PING, OPCODE_PONG);
    }
}
