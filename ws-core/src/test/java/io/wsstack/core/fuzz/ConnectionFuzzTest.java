package io.wsstack.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wsstack.core.Connection;
import io.wsstack.core.ConnectionSettings;
import io.wsstack.core.MaskKeySource;
import io.wsstack.core.Role;
import io.wsstack.core.WebSocketListener;
import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.deflate.ServerDeflateNegotiator;
import io.wsstack.core.extension.ExtensionHeaderParser;
import io.wsstack.core.extension.MessageCompression;
import java.nio.ByteBuffer;

/**
 * Random bytes in random chunks into {@link Connection#receive}, in either role, with or without
 * permessage-deflate, with small limits. Whatever arrives, the connection either delivers events
 * or fails once with a {@link WebSocketProtocolException} whose code is one a peer can earn
 * (1002, 1007, 1008, 1009; RFC 6455 §7.4.1); no other exception escapes, no message exceeds the
 * limits, allocation stays proportional to the input and the limits (never to a declared length),
 * and release ends every zlib stream.
 */
class ConnectionFuzzTest {

    private static final int MAX_FRAME = 1024;
    private static final int MAX_MESSAGE = 4096;
    private static final ConnectionSettings LIMITS = ConnectionSettings.builder()
            .maxFrameSize(MAX_FRAME).maxMessageSize(MAX_MESSAGE).maxFragments(16).build();

    /**
     * Input layout, so that seeds are readable frames: byte 0 chooses the setup (bit 0 server role,
     * bit 1 permessage-deflate, bit 2 streaming delivery), byte 1 seeds the chunk sizes, the rest is
     * what the peer sends.
     */
    @FuzzTest
    void receiveEndsInEventsOrOneTypedClose(byte[] input) {
        if (input.length < 2) {
            return;
        }
        // The first pass loads and initialises whatever classes this input's paths need (Jazzer
        // instruments them on this thread, which counts as allocation); the second pass measures.
        feed(input);
        long allocated = feed(input);
        long wire = input.length - 2;
        // Each frame, however small (2 bytes), may cost a few event and buffer objects (a pong, a
        // streamed piece): a few hundred bytes per frame, proportional to the input. What must never
        // happen is allocation driven by a declared length, which this bound rules out.
        assertThat(allocated).isLessThanOrEqualTo(FuzzBounds.FIXED_ALLOCATION_SLACK + 256 * wire + 16L * MAX_MESSAGE);
    }

    /** Feeds one input through a new connection, checks the invariants, returns the bytes allocated. */
    private static long feed(byte[] input) {
        int setup = input[0];
        Role role = (setup & 1) != 0 ? Role.SERVER : Role.CLIENT;
        boolean deflate = (setup & 2) != 0;
        ConnectionSettings settings = LIMITS.toBuilder().streaming((setup & 4) != 0).build();
        long zipBaseline = FuzzBounds.liveZipStreams();
        ServerDeflateNegotiator negotiator = new ServerDeflateNegotiator(DeflateOptions.defaults());
        MessageCompression compression = deflate ? negotiator.negotiate(
                ExtensionHeaderParser.parseLenient("permessage-deflate")).orElseThrow().newCompression(role) : null;
        Recorder events = new Recorder();
        Connection connection = new Connection(role, settings, compression, MaskKeySource.fixed(0x37fa213d),
                events, (frames, control) -> events.outputBytes += frames.remaining());

        // The input array is copied: a server unmasks in place, and the second pass needs the original.
        byte[] wire = input.clone();
        long before = FuzzBounds.allocatedByThisThread();
        int chunkSeed = wire[1] & 0xFF;
        for (int offset = 2, i = 1; offset < wire.length; i++) {
            int n = Math.min(wire.length - offset, 1 + (chunkSeed * i) % 301);
            connection.receive(ByteBuffer.wrap(wire, offset, n).slice());
            offset += n;
        }
        long allocated = FuzzBounds.allocatedByThisThread() - before;
        connection.release();
        negotiator.close();

        if (events.error != null) {
            assertThat(FuzzBounds.PEER_FAULT_CODES).contains(events.error.closeCode());
        }
        assertThat(events.errors).isLessThanOrEqualTo(1);
        assertThat(events.largestMessage).isLessThanOrEqualTo(MAX_MESSAGE);
        assertThat(FuzzBounds.liveZipStreams()).isEqualTo(zipBaseline);
        return allocated;
    }

    /** Counts what the connection reports; never throws, so anything escaping comes from the engine. */
    private static final class Recorder implements WebSocketListener {
        WebSocketProtocolException error;
        int errors;
        long largestMessage;
        long streamed;
        long outputBytes;

        @Override
        public void onText(Connection c, String text) {
            largestMessage = Math.max(largestMessage, text.length());
        }

        @Override
        public void onBinary(Connection c, ByteBuffer data) {
            largestMessage = Math.max(largestMessage, data.remaining());
        }

        @Override
        public void onTextFragment(Connection c, String piece, boolean last) {
            streamed += piece.length();
            endPiece(last);
        }

        @Override
        public void onBinaryFragment(Connection c, ByteBuffer piece, boolean last) {
            streamed += piece.remaining();
            endPiece(last);
        }

        private void endPiece(boolean last) {
            largestMessage = Math.max(largestMessage, streamed);
            if (last) {
                streamed = 0;
            }
        }

        @Override
        public void onProtocolError(Connection c, WebSocketProtocolException e) {
            error = e;
            errors++;
        }
    }
}
