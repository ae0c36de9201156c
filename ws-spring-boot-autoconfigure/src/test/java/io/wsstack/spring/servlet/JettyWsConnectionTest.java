package io.wsstack.spring.servlet;

import org.eclipse.jetty.io.ByteArrayEndPoint;
import org.eclipse.jetty.io.ByteBufferPool;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Jetty connection as a {@link FrameTransport}, on Jetty's in-memory endpoint. */
class JettyWsConnectionTest {

    /** Collects what the connection reads. */
    static final class RecordingReader implements FrameTransport.Reader {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();
        boolean wantsInput = true;

        @Override public void receive(ByteBuffer chunk) {
            while (chunk.hasRemaining()) {
                received.write(chunk.get());
            }
        }
        @Override public boolean wantsInput() { return wantsInput; }
        @Override public void inputEnded() { events.add("ended"); }
        @Override public void readFailed(Throwable error) { events.add("failed"); }

        String text() {
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** Counts wake-ups. */
    static final class RecordingWriter implements FrameTransport.Writer {
        int writePossible;
        final List<Throwable> failures = new ArrayList<>();

        @Override public void onWritePossible() { writePossible++; }
        @Override public void onWriteFailed(Throwable error) { failures.add(error); }
    }

    /** An in-memory socket whose output takes at most 4 bytes until the test takes them. */
    private final ByteArrayEndPoint endPoint = new ByteArrayEndPoint(null, 0, ByteBuffer.allocate(0), 4, false);
    private final JettyWsConnection connection = new JettyWsConnection(endPoint, Runnable::run, ByteBufferPool.NON_POOLING, null);
    private final RecordingReader reader = new RecordingReader();
    private final RecordingWriter writer = new RecordingWriter();

    JettyWsConnectionTest() {
        endPoint.setConnection(connection);
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    @DisplayName("RFC 6455 §4.1: frames Jetty read together with the request head are delivered first, then the socket's bytes")
    void carriedOverBytesComeFirst() {
        connection.onUpgradeTo(ascii("early"));
        endPoint.addInput("-later");
        connection.startReading(reader);
        assertThat(reader.text()).isEqualTo("early-later");
        endPoint.addInput("+more");
        assertThat(reader.text()).isEqualTo("early-later+more");
    }

    @Test
    @DisplayName("The peer closing its side is reported as the end of input")
    void peerCloseEndsInput() {
        connection.startReading(reader);
        endPoint.addInputEOF();
        assertThat(reader.events).containsExactly("ended");
    }

    @Test
    @DisplayName("A session that no longer wants input reads nothing more")
    void noReadAfterSessionEnded() {
        connection.onUpgradeTo(ascii("x"));
        reader.wantsInput = false;
        endPoint.addInput("y");
        connection.startReading(reader);
        assertThat(reader.text()).isEmpty();
    }

    @Test
    @DisplayName("A write that completes at once leaves the transport ready without a wake-up")
    void immediateWriteStaysReady() throws Exception {
        connection.startWriting(writer);
        connection.write(new ByteBuffer[] {ascii("abc")}, 1);
        assertThat(connection.isWriteReady()).isTrue();
        assertThat(writer.writePossible).isZero();
        assertThat(endPoint.takeOutputString()).isEqualTo("abc");
    }

    @Test
    @DisplayName("A write the socket cannot take at once makes the transport unready until it completes, then wakes the writer")
    void pendingWriteWakesWriterWhenDone() throws Exception {
        connection.startWriting(writer);
        connection.write(new ByteBuffer[] {ascii("0123456789")}, 1);
        assertThat(connection.isWriteReady()).isFalse();
        StringBuilder out = new StringBuilder();
        while (!connection.isWriteReady()) {
            out.append(endPoint.takeOutputString());
        }
        out.append(endPoint.takeOutputString());
        assertThat(out).hasToString("0123456789");
        assertThat(writer.writePossible).isEqualTo(1);
    }

    @Test
    @DisplayName("A gathering write sends its buffers in order, and the caller may reuse its array at once")
    void gatheringWriteKeepsOrder() throws Exception {
        connection.startWriting(writer);
        ByteBuffer[] batch = {ascii("one-"), ascii("two-"), ascii("three"), null};
        connection.write(batch, 3);
        java.util.Arrays.fill(batch, null);
        StringBuilder out = new StringBuilder();
        while (!connection.isWriteReady()) {
            out.append(endPoint.takeOutputString());
        }
        out.append(endPoint.takeOutputString());
        assertThat(out).hasToString("one-two-three");
        assertThat(connection.maxBuffersPerWrite()).isGreaterThan(1);
    }

    @Test
    @DisplayName("A write on a closed endpoint is reported as a write failure")
    void writeOnClosedEndpointFails() throws Exception {
        connection.startWriting(writer);
        endPoint.close();
        connection.write(new ByteBuffer[] {ascii("abc")}, 1);
        assertThat(writer.failures).hasSize(1);
        assertThat(connection.isWriteReady()).isTrue();
    }
}
