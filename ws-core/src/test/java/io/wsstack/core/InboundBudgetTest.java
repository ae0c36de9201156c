package io.wsstack.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.core.internal.frame.FrameEncoder;
import io.wsstack.core.internal.frame.WebSocketProtocol;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InboundBudgetTest {

    private static final int BIG = 512 * 1024;

    /** A masked binary frame of {@code length} zero bytes, as a client sends it. */
    private static ByteBuffer binaryFrame(int length) {
        return FrameEncoder.encode(true, 0, WebSocketProtocol.OPCODE_BINARY, ByteBuffer.allocate(length), true, 0x1234);
    }

    private record Peer(Connection connection, List<String> events) {
    }

    private static Peer peer(InboundBudget budget) {
        List<String> events = new ArrayList<>();
        ConnectionSettings settings = ConnectionSettings.builder().maxMessageSize(4L << 20).maxFrameSize(4 << 20)
                .inboundBudget(budget).build();
        Connection connection = new Connection(Role.SERVER, settings, null, null, new WebSocketListener() {
            @Override
            public void onBinary(Connection c, ByteBuffer data) {
                events.add("binary:" + data.remaining());
            }

            @Override
            public void onProtocolError(Connection c, WebSocketProtocolException error) {
                events.add("error:" + error.closeCode());
            }
        }, (frames, control) -> { });
        return new Peer(connection, events);
    }

    /** Feeds {@code frame} in small pieces so the assembler has to buffer it. */
    private static void feedInPieces(Connection connection, ByteBuffer frame, int upTo) {
        while (frame.position() < upTo) {
            int n = Math.min(4096, upTo - frame.position());
            ByteBuffer piece = frame.slice(frame.position(), n);
            frame.position(frame.position() + n);
            connection.receive(piece);
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1 (1013): a message that needs more than the shared budget leaves fails with 1013, not the heap")
    void overBudget1013() {
        InboundBudget budget = InboundBudget.of(BIG);
        Peer first = peer(budget);
        Peer second = peer(budget);
        ByteBuffer a = binaryFrame(BIG);
        ByteBuffer b = binaryFrame(BIG);
        feedInPieces(first.connection(), a, a.limit() - 1); // held, one byte short
        feedInPieces(second.connection(), b, b.limit());
        assertThat(second.events()).containsExactly("error:1013");
        assertThat(budget.reserved()).isLessThanOrEqualTo(BIG);
        feedInPieces(first.connection(), a, a.limit());
        assertThat(first.events()).containsExactly("binary:" + BIG);
    }

    @Test
    @DisplayName("The budget comes back once the message was consumed, and when a connection is released")
    void budgetReturned() {
        InboundBudget budget = InboundBudget.of(4L << 20);
        Peer peer = peer(budget);
        ByteBuffer frame = binaryFrame(BIG);
        feedInPieces(peer.connection(), frame, frame.limit());
        assertThat(peer.events()).containsExactly("binary:" + BIG);
        assertThat(budget.reserved()).isPositive();
        peer.connection().messageConsumed();
        assertThat(budget.reserved()).isZero();

        ByteBuffer partial = binaryFrame(BIG);
        feedInPieces(peer.connection(), partial, BIG / 2);
        assertThat(budget.reserved()).isPositive();
        peer.connection().release();
        assertThat(budget.reserved()).isZero();
    }

    @Test
    @DisplayName("Small messages never touch the shared budget (the first 64 KiB per connection are free)")
    void smallMessagesFree() {
        InboundBudget budget = InboundBudget.of(1);
        Peer peer = peer(budget);
        ByteBuffer frame = binaryFrame(60 * 1024);
        feedInPieces(peer.connection(), frame, frame.limit());
        assertThat(peer.events()).containsExactly("binary:" + 60 * 1024);
        assertThat(budget.reserved()).isZero();
    }
}
