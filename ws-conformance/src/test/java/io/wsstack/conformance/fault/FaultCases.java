package io.wsstack.conformance.fault;

import static io.wsstack.conformance.wire.Frame.BINARY;
import static io.wsstack.conformance.wire.Frame.CONTINUATION;
import static io.wsstack.conformance.wire.Frame.PING;
import static io.wsstack.conformance.wire.Frame.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.conformance.wire.ClientDeflate;
import io.wsstack.conformance.wire.Expect;
import io.wsstack.conformance.wire.FrameWriter;
import io.wsstack.conformance.wire.RawClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Faults a server must survive (bad-inputs list): each test provokes one, asserts the close code or
 * the dropped connection, and then that live Deflater/Inflater counts, open file descriptors and
 * retained heap are back to where they were. Subclasses supply the target.
 */
@Tag("fault")
abstract class FaultCases {

    private static final String DEFLATE = "permessage-deflate; client_no_context_takeover; client_max_window_bits";

    private ResourceSnapshot baseline;

    abstract FaultTarget target();

    @BeforeEach
    void takeBaseline() throws Exception {
        target().awaitIdle();
        baseline = ResourceSnapshot.take();
    }

    @AfterEach
    void resourcesBackToBaseline() throws Exception {
        target().awaitIdle();
        baseline.assertBackTo();
    }

    private RawClient connect(String extensions) throws IOException {
        return RawClient.connect(target().address(), target().path(), extensions, target().extraRequestHeaders());
    }

    @Test @DisplayName("Bad input 29 / RFC 6455 §7.1.5: TCP reset in the middle of a compressed frame releases the inflater")
    void tcpResetMidFrame() throws Exception {
        try (RawClient c = connect(DEFLATE)) {
            assertThat(c.compressing()).isTrue();
            byte[] frame = c.frames().frame(true, 4, BINARY, new ClientDeflate(false, false).compress(new byte[100_000]));
            c.send(Arrays.copyOf(frame, frame.length / 2));
            c.socket().setSoLinger(true, 0); // close() now sends RST instead of FIN
        }
    }

    /**
     * 64 MiB of 32 KiB messages (under any frame limit) whose echoes are never read. However fast
     * the server reads, once the echoes back up it must let go of the session — close it (1008 on
     * the starter, whose send buffer overflows) and drop it — while we are still connected and
     * still not reading.
     */
    @Test @DisplayName("Bad input 27: a peer that stops reading is dropped, its echoes are not queued without bound")
    void peerStopsReading() throws Exception {
        try (RawClient c = connect(null)) {
            byte[] message = c.frames().frame(BINARY, new byte[32 * 1024]);
            writeUntilRefused(c.socket().getOutputStream(), message, 2048);
            target().awaitIdle();
        }
    }

    @Test @DisplayName("Bad input 15 / RFC 6455 §7.1.1: a peer that never answers the server's Close is dropped")
    void closeHandshakeNeverCompleted() throws Exception {
        try (RawClient c = connect(null)) {
            c.sendFrame(3, new byte[0]); // reserved opcode: the server sends Close 1002 ...
            assertThat(c.nextMessage().closeFrame().closeCode()).isEqualTo(1002);
            // ... and we neither answer nor close: the server must end the TCP connection itself.
            assertThat(c.awaitEndOfStream()).isNull();
        }
    }

    @Test @DisplayName("Bad input 25: a handshake trickling in byte by byte is dropped before it completes")
    void slowHandshakeDropped() throws Exception {
        String request = "GET " + target().path() + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "X-Padding: " + "p".repeat(2000) + "\r\n" + target().extraRequestHeaders() + "\r\n";
        try (RawClient c = RawClient.open(target().address())) {
            c.socket().setSoTimeout(slowHandshakeByteIntervalMillis());
            OutputStream out = c.socket().getOutputStream();
            InputStream in = c.socket().getInputStream();
            boolean dropped = false;
            for (byte b : request.getBytes(StandardCharsets.ISO_8859_1)) {
                try {
                    out.write(b);
                    out.flush();
                    if (in.read() < 0) {
                        dropped = true;
                        break;
                    }
                    break; // the server answered before the head was complete: not a 101 in any case
                } catch (SocketTimeoutException stillWaiting) {
                    // Nothing from the server yet: send the next byte.
                } catch (SocketException reset) {
                    dropped = true;
                    break;
                }
            }
            assertThat(dropped).as("the server dropped the trickling handshake").isTrue();
        }
    }

    /** How long the slow handshake waits between bytes. */
    abstract int slowHandshakeByteIntervalMillis();

    /**
     * 100 000 pings (13 MB) from a peer that never reads. The server may drop the connection (a
     * blocked write timing out) or keep reading while it holds at most a bounded number of pongs
     * (RFC 6455 §5.5.3 lets it answer only the latest ping); either way its heap stays bounded.
     */
    @Test @DisplayName("Bad input 26: a ping flood from a peer that does not read costs bounded memory")
    void pingFloodFromNonReadingPeer() throws Exception {
        try (RawClient c = connect(null)) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < 1000; i++) {
                batch.writeBytes(c.frames().frame(PING, new byte[125]));
            }
            boolean dropped = writeUntilRefused(c.socket().getOutputStream(), batch.toByteArray(), 100);
            if (!dropped) {
                assertThat(ResourceSnapshot.measureRetainedHeap()).as("heap while the flood is held")
                        .isLessThanOrEqualTo(baseline.retainedHeap() + ResourceSnapshot.HEAP_TOLERANCE);
            }
        }
    }

    @Test @DisplayName("Bad input 10: endless one-byte fragments → 1009 at the fragment limit")
    void oneByteFragmentFlood() throws Exception {
        try (RawClient c = connect(null)) {
            FrameWriter w = c.frames();
            ByteArrayOutputStream flood = new ByteArrayOutputStream();
            flood.writeBytes(w.frame(false, 0, TEXT, new byte[] {'a'}));
            for (int i = 0; i < target().maxFragments() + 10; i++) {
                flood.writeBytes(w.frame(false, 0, CONTINUATION, new byte[] {'a'}));
            }
            c.sendInChopsUntilClosed(flood.toByteArray(), 64 * 1024);
            Expect.failure(c, 1009);
        }
    }

    @Test @DisplayName("Bad input 16 / RFC 7692 §8: a decompression bomb → 1009, inflater released")
    void decompressionBomb() throws Exception {
        try (RawClient c = connect(DEFLATE)) {
            assertThat(c.compressing()).isTrue();
            byte[] bomb = new ClientDeflate(false, false).compress(new byte[(int) Math.min(64L << 20, target().maxMessageSize() * 16)]);
            c.sendInChopsUntilClosed(c.frames().frame(true, 4, BINARY, bomb), 64 * 1024);
            Expect.failure(c, 1009);
        }
    }

    @Test @DisplayName("Bad input 1 / RFC 6455 §5.2: a 64-bit length with the top bit set → 1002, nothing allocated")
    void length64TopBit() throws Exception {
        try (RawClient c = connect(null)) {
            c.send(c.frames().headerOnly(BINARY, 0x8000_0000_0000_0005L));
            Expect.failure(c, 1002);
        }
    }

    @Test @DisplayName("Bad input 30: 1000 compressed connections opened and dropped (half FIN, half RST) leave nothing behind")
    void thousandConnectionsOpenedAndDropped() throws Exception {
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                clients.add(connect(DEFLATE));
            }
            for (int i = 0; i < clients.size(); i++) {
                if (i % 2 == 1) {
                    clients.get(i).socket().setSoLinger(true, 0);
                }
            }
        } finally {
            for (RawClient c : clients) {
                c.close();
            }
        }
    }

    /**
     * Writes {@code chunk} repeatedly without reading; true once the server refuses more (reset or
     * closed), false if {@code maxWrites} went through.
     */
    private static boolean writeUntilRefused(OutputStream out, byte[] chunk, int maxWrites) {
        try {
            for (int i = 0; i < maxWrites; i++) {
                out.write(chunk);
                out.flush();
            }
            return false;
        } catch (IOException refused) {
            return true;
        }
    }
}
