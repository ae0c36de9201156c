package io.wsstack.core;

import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_BINARY;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_CLOSE;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_CONTINUATION;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_PING;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_PONG;
import static io.wsstack.core.internal.frame.WebSocketProtocol.OPCODE_TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.core.extension.MessageCompression;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link Connection#pauseDecoding()}: a listener stops the running {@code receive} after its event,
 * the unread bytes stay in the buffer, and feeding them again gives exactly the events of an
 * uninterrupted run (RFC 6455 §5.4 fragmentation and interleaved control frames included).
 */
class PauseDecodingTest {

    /** Records like {@link RecordingListener}, and pauses the connection after every event. */
    private static final class PausingListener implements WebSocketListener {
        final RecordingListener recorder = new RecordingListener();

        @Override
        public void onText(Connection c, String text) {
            recorder.onText(c, text);
            c.pauseDecoding();
        }

        @Override
        public void onBinary(Connection c, ByteBuffer data) {
            recorder.onBinary(c, data);
            c.pauseDecoding();
        }

        @Override
        public void onTextFragment(Connection c, String piece, boolean last) {
            recorder.onTextFragment(c, piece, last);
            c.pauseDecoding();
        }

        @Override
        public void onBinaryFragment(Connection c, ByteBuffer piece, boolean last) {
            recorder.onBinaryFragment(c, piece, last);
            c.pauseDecoding();
        }

        @Override
        public void onPing(Connection c, ByteBuffer payload) {
            recorder.onPing(c, payload);
            c.pauseDecoding();
        }

        @Override
        public void onPong(Connection c, ByteBuffer payload) {
            recorder.onPong(c, payload);
            c.pauseDecoding();
        }

        @Override
        public void onClose(Connection c, int code, String reason) {
            recorder.onClose(c, code, reason);
            c.pauseDecoding();
        }

        @Override
        public void onProtocolError(Connection c, WebSocketProtocolException e) {
            recorder.onProtocolError(c, e);
            c.pauseDecoding();
        }
    }

    private static final class Paused {
        final PausingListener listener = new PausingListener();
        final Connection connection;

        Paused(ConnectionSettings settings, MessageCompression compression, Role role) {
            connection = new Connection(role, settings, compression, MaskKeySource.fixed(TestPeer.KEY), listener,
                    new CapturingSink(role));
        }

        List<String> events() {
            return listener.recorder.events;
        }

        /** Feeds the buffer until it is empty, as a transport does; each call may yield at most one event. */
        void drain(ByteBuffer buffer) {
            while (buffer.hasRemaining()) {
                int before = events().size();
                connection.receive(buffer);
                assertThat(events().size() - before).as("events of one receive call").isLessThanOrEqualTo(1);
            }
        }
    }

    private static byte[] frame(boolean fin, int rsv, int opcode, String payload) {
        return TestPeer.server().frameFromPeer(fin, rsv, opcode, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A stream with every kind of event: messages, a fragmented text with a ping inside, a pong, a Close. */
    private static byte[] mixedStream() {
        return concat(
                frame(true, 0, OPCODE_TEXT, "first"),
                frame(false, 0, OPCODE_TEXT, "frag-"),
                frame(true, 0, OPCODE_PING, "p1"),
                frame(false, 0, OPCODE_CONTINUATION, "ment"),
                frame(true, 0, OPCODE_CONTINUATION, "ed"),
                frame(true, 0, OPCODE_BINARY, "\u0001\u0002"),
                frame(true, 0, OPCODE_PONG, ""),
                frame(true, 0, OPCODE_TEXT, ""),
                TestPeer.server().frameFromPeer(true, 0, OPCODE_CLOSE, Hex.bytes("03e8")));
    }

    private static List<String> uninterrupted(byte[] wire, int split, ConnectionSettings settings) {
        TestPeer reference = TestPeer.server(settings);
        byte[] copy = wire.clone();
        reference.connection.receive(ByteBuffer.wrap(copy, 0, split));
        reference.connection.receive(ByteBuffer.wrap(copy, split, copy.length - split));
        return reference.listener.events;
    }

    @Test
    @DisplayName("RFC 6455 §5.4: pausing after every event, at every split of the input, gives the uninterrupted events")
    void everySplitGivesIdenticalEvents() {
        for (boolean streaming : new boolean[] {false, true}) {
            ConnectionSettings settings = ConnectionSettings.builder().streaming(streaming).build();
            byte[] wire = mixedStream();
            for (int split = 0; split <= wire.length; split++) {
                // Streamed binary pieces follow the input chunks, so the reference gets the same split.
                List<String> expected = uninterrupted(wire, split, settings);
                Paused paused = new Paused(settings, null, Role.SERVER);
                byte[] copy = wire.clone();
                paused.drain(ByteBuffer.wrap(copy, 0, split));
                paused.drain(ByteBuffer.wrap(copy, split, copy.length - split));
                assertThat(paused.events()).as("streaming %s, split at %d", streaming, split).isEqualTo(expected);
            }
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.6: after a paused text message the buffer holds exactly the next frame's bytes")
    void bytesLeftAreExactlyTheUnreadOnes() {
        byte[] first = frame(true, 0, OPCODE_TEXT, "a");
        byte[] second = frame(true, 0, OPCODE_TEXT, "b");
        byte[] secondCopy = second.clone();
        Paused paused = new Paused(ConnectionSettings.DEFAULTS, null, Role.SERVER);
        ByteBuffer buffer = ByteBuffer.wrap(concat(first, second));

        paused.connection.receive(buffer);

        assertThat(paused.events()).containsExactly("text:a");
        assertThat(buffer.position()).isEqualTo(first.length);
        byte[] left = new byte[buffer.remaining()];
        buffer.duplicate().get(left);
        assertThat(left).isEqualTo(secondCopy);
        paused.connection.receive(buffer);
        assertThat(paused.events()).containsExactly("text:a", "text:b");
        assertThat(buffer.hasRemaining()).isFalse();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: a paused text message is followed by no Close until the bad frame after it is read")
    void validMessageBeforeBadFrameLeavesTheConnectionOpen() {
        Paused paused = new Paused(ConnectionSettings.DEFAULTS, null, Role.SERVER);
        ByteBuffer buffer = ByteBuffer.wrap(concat(frame(true, 0, OPCODE_TEXT, "Hello"),
                frame(true, 0x20, OPCODE_TEXT, "bad"), frame(true, 0, OPCODE_PING, "")));

        paused.connection.receive(buffer);
        assertThat(paused.events()).containsExactly("text:Hello");
        assertThat(paused.connection.isCloseSent()).isFalse();
        paused.connection.sendText("Hello"); // the echo is still allowed

        paused.connection.receive(buffer);
        assertThat(paused.events()).containsExactly("text:Hello", "error:1002");
        assertThat(paused.connection.isCloseSent()).isTrue();
        paused.drain(buffer); // after the failure the rest (the ping) is ignored
        assertThat(paused.events()).containsExactly("text:Hello", "error:1002");
    }

    @Test
    @DisplayName("RFC 6455 §5.4: a pause on a ping between fragments leaves the message in progress intact")
    void pauseInsideFragmentedMessage() {
        byte[] head = frame(false, 0, OPCODE_TEXT, "mid-");
        byte[] ping = frame(true, 0, OPCODE_PING, "x");
        byte[] middle = frame(false, 0, OPCODE_CONTINUATION, "dle-");
        byte[] tail = frame(true, 0, OPCODE_CONTINUATION, "end");
        Paused paused = new Paused(ConnectionSettings.DEFAULTS, null, Role.SERVER);
        ByteBuffer buffer = ByteBuffer.wrap(concat(head, middle, ping, tail));

        paused.connection.receive(buffer);
        assertThat(paused.events()).containsExactly("ping:78");
        assertThat(buffer.position()).isEqualTo(head.length + middle.length + ping.length);
        paused.connection.receive(buffer);
        assertThat(paused.events()).containsExactly("ping:78", "text:mid-dle-end");
    }

    @Test
    @DisplayName("RFC 6455 §5.4: streaming delivery pauses after the middle frame's piece, before the next frame")
    void pauseOnStreamedMiddleFrame() {
        byte[] head = frame(false, 0, OPCODE_TEXT, "one ");
        byte[] middle = frame(false, 0, OPCODE_CONTINUATION, "two ");
        byte[] tail = frame(true, 0, OPCODE_CONTINUATION, "three");
        Paused paused = new Paused(ConnectionSettings.builder().streaming(true).build(), null, Role.SERVER);
        ByteBuffer buffer = ByteBuffer.wrap(concat(head, middle, tail));

        paused.connection.receive(buffer);
        paused.connection.receive(buffer);
        assertThat(paused.events()).containsExactly("textFragment:one ", "textFragment:two ");
        assertThat(buffer.position()).isEqualTo(head.length + middle.length);
        paused.connection.receive(buffer);
        assertThat(paused.events()).endsWith("textFragment:three:last");
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.1: two compressed messages in one read, paused between them, both inflate")
    void pauseBetweenCompressedMessages() {
        byte[] hello = Hex.bytes("c107f248cdc9c90700");
        Paused paused = new Paused(ConnectionSettings.DEFAULTS, new TestDeflate(0), Role.CLIENT);
        ByteBuffer buffer = ByteBuffer.wrap(concat(hello, hello));

        paused.connection.receive(buffer);
        assertThat(paused.events()).containsExactly("text:Hello");
        assertThat(buffer.position()).isEqualTo(hello.length);
        paused.drain(buffer);
        assertThat(paused.events()).containsExactly("text:Hello", "text:Hello");
    }

    @Test
    @DisplayName("RFC 6455 §5.3: a read-only masked input paused inside a streamed frame loses no byte")
    void readOnlyInputPausedInsidePayload() {
        byte[] payload = new byte[20_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        byte[] wire = TestPeer.server().frameFromPeer(true, 0, OPCODE_BINARY, payload);
        List<byte[]> pieces = new ArrayList<>();
        WebSocketListener listener = new WebSocketListener() {
            @Override
            public void onBinaryFragment(Connection c, ByteBuffer piece, boolean last) {
                byte[] copy = new byte[piece.remaining()];
                piece.get(copy);
                pieces.add(copy);
                c.pauseDecoding();
            }
        };
        Connection connection = new Connection(Role.SERVER, ConnectionSettings.builder().streaming(true).build(), null, null,
                listener, new CapturingSink(Role.SERVER));
        ByteBuffer buffer = ByteBuffer.wrap(wire).asReadOnlyBuffer();
        int calls = 0;
        while (buffer.hasRemaining()) {
            connection.receive(buffer);
            calls++;
        }

        assertThat(calls).isGreaterThan(1);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        pieces.forEach(joined::writeBytes);
        assertThat(joined.toByteArray()).isEqualTo(payload);
    }

    @Test
    @DisplayName("RFC 6455 §5.2: a pause requested outside receive does not stop the next receive")
    void pauseOutsideReceiveHasNoEffect() {
        TestPeer server = TestPeer.server();
        server.connection.pauseDecoding();
        server.receive(concat(frame(true, 0, OPCODE_TEXT, "a"), frame(true, 0, OPCODE_TEXT, "b")));
        assertThat(server.listener.events).containsExactly("text:a", "text:b");
    }

    @Test
    @DisplayName("RFC 7692 §6: a compressed message paused on a ping between its frames still inflates")
    void compressedFragmentsAcrossPause() {
        Paused paused = new Paused(ConnectionSettings.DEFAULTS, new TestDeflate(0), Role.CLIENT);
        // "Hello" compressed, in two frames, a ping between them (unmasked: server to client).
        ByteBuffer buffer = Hex.buffer("4103f248cd" + "890178" + "8004c9c90700");
        paused.drain(buffer);
        assertThat(paused.events()).containsExactly("ping:78", "text:Hello");
    }
}
