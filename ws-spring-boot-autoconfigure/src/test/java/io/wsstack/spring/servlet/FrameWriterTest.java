package io.wsstack.spring.servlet;

import io.wsstack.spring.WsObserver;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class FrameWriterTest {

    /** A non-blocking transport whose readiness the test switches; it records every write. */
    static class FakeTransport implements FrameTransport {
        boolean ready = true;
        int flushes;
        int gather = 1;
        final List<Integer> writeSizes = new ArrayList<>();
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        Writer writer;

        @Override public void startWriting(Writer writer) { this.writer = writer; }
        @Override public boolean isWriteReady() { return ready; }
        @Override public int maxBuffersPerWrite() { return gather; }
        @Override public void write(ByteBuffer[] frames, int count) {
            assertThat(count).isBetween(1, gather);
            writeSizes.add(count);
            for (int i = 0; i < count; i++) {
                while (frames[i].hasRemaining()) {
                    written.write(frames[i].get());
                }
            }
        }
        @Override public void flush() { flushes++; }
        @Override public void startReading(Reader reader) { }
        @Override public void close() { }
    }

    private final List<String> events = new ArrayList<>();
    private final List<Long> gauge = new ArrayList<>();
    private final FakeTransport stream = new FakeTransport();
    private final FrameWriter writer = new FrameWriter("e", new WsObserver() {
        @Override
        public void outboundQueueChanged(String endpoint, long delta) {
            gauge.add(delta);
        }
    }, new FrameWriter.Events() {
        @Override public void writeFailed(Throwable error) { events.add("failed"); }
        @Override public void flushedForClose() { events.add("flushed-for-close"); }
    });

    private static ByteBuffer frame(int... bytes) {
        ByteBuffer b = ByteBuffer.allocate(bytes.length);
        for (int x : bytes) {
            b.put((byte) x);
        }
        return b.flip();
    }

    @Test
    @DisplayName("Writes while the container is ready, then flushes; the message's future completes when handed over")
    void writesAndCompletes() throws Exception {
        writer.attach(stream);
        CompletableFuture<Void> sent = new CompletableFuture<>();
        writer.queueData(frame(0x81, 0x01, 'a'), sent);
        writer.flush();
        assertThat(stream.written.toByteArray()).containsExactly(0x81, 0x01, 'a');
        assertThat(stream.flushes).isEqualTo(1);
        assertThat(sent).isCompleted();
        assertThat(gauge).as("nothing waited for the socket").isEmpty();
    }

    @Test
    @DisplayName("The queue gauge sees bytes that wait for a busy socket, and sees them leave")
    void gaugeShowsWaitingBytes() throws Exception {
        writer.attach(stream);
        stream.ready = false;
        writer.queueData(frame(0x81, 0x01, 'a'), null);
        writer.flush();
        assertThat(gauge).containsExactly(3L);
        stream.ready = true;
        writer.onWritePossible();
        assertThat(gauge).containsExactly(3L, -3L);
    }

    @Test
    @DisplayName("Small messages from a read batch are coalesced: one buffer, one write, one flush")
    void smallMessagesCoalesce() throws Exception {
        writer.attach(stream);
        for (String text : new String[] {"a", "bc", "def"}) {
            long queued = writer.queueMessage(FrameWriter.TEXT, text, text.length(), 1 << 20, null);
            assertThat(FrameWriter.wireBytes(queued)).isEqualTo(2 + text.length());
            assertThat(FrameWriter.payloadBytes(queued)).isEqualTo(text.length());
        }
        writer.flush();
        assertThat(stream.writeSizes).containsExactly(1);
        assertThat(stream.flushes).isEqualTo(1);
        assertThat(stream.written.toByteArray()).containsExactly(0x81, 1, 'a', 0x81, 2, 'b', 'c', 0x81, 3, 'd', 'e', 'f');
    }

    @Test
    @DisplayName("RFC 6455 §5.4: when the socket stalls between a header and its payload, a pong waits until the payload is out")
    void stallBetweenHeaderAndPayloadKeepsFrameWhole() throws Exception {
        FakeTransport stalling = new FakeTransport() {
            int writes;

            @Override
            public void write(ByteBuffer[] frames, int count) {
                super.write(frames, count);
                if (++writes == 1) {
                    ready = false; // the container's buffer filled up after the header
                }
            }
        };
        writer.attach(stalling);
        byte[] payload = new byte[2000];
        java.util.Arrays.fill(payload, (byte) 7);
        CompletableFuture<Void> sent = new CompletableFuture<>();
        writer.queueMessage(FrameWriter.BINARY_HANDED_OVER, ByteBuffer.wrap(payload), 2000, 1 << 20, sent);
        writer.flush();
        assertThat(stalling.written.size()).isEqualTo(4);
        assertThat(sent).isNotDone();
        writer.queueControl(frame(0x8A, 0x00), null);
        stalling.ready = true;
        writer.onWritePossible();
        byte[] wire = stalling.written.toByteArray();
        assertThat(wire).hasSize(4 + 2000 + 2);
        assertThat(wire[4 + 1999]).isEqualTo((byte) 7);
        assertThat(wire[4 + 2000] & 0xFF).as("the pong after the whole frame").isEqualTo(0x8A);
        assertThat(sent).isCompleted();
    }

    @Test
    @DisplayName("A message that would overflow a non-empty send buffer is refused before it is encoded")
    void sendBufferLimit() throws Exception {
        writer.attach(stream);
        stream.ready = false;
        assertThat(FrameWriter.wireBytes(writer.queueMessage(FrameWriter.TEXT, "abc", 3, 4, null))).isEqualTo(5);
        assertThat(writer.queueMessage(FrameWriter.TEXT, "de", 2, 4, null)).isEqualTo(FrameWriter.REFUSED_FULL);
        writer.queueControl(frame(0x88, 0x00), null);
        assertThat(writer.queueMessage(FrameWriter.TEXT, "f", 1, 1 << 20, null)).isEqualTo(FrameWriter.REFUSED_CLOSED);
    }

    @Test
    @DisplayName("RFC 6455 §5.5: while the socket is busy a queued pong overtakes queued data")
    void controlOvertakesDataWhileBusy() throws Exception {
        writer.attach(stream);
        stream.ready = false;
        CompletableFuture<Void> sent = new CompletableFuture<>();
        writer.queueData(frame(0x81, 0x01, 'a'), sent);
        writer.queueControl(frame(0x8A, 0x00), null);
        writer.flush();
        assertThat(stream.written.size()).isZero();
        assertThat(sent).isNotDone();
        stream.ready = true;
        writer.onWritePossible();
        assertThat(stream.written.toByteArray()).containsExactly(0x8A, 0x00, 0x81, 0x01, 'a');
        assertThat(sent).isCompleted();
    }

    @Test
    @DisplayName("RFC 6455 §5.5: a gathering transport takes a backlog in one write, the pong first, whole frames in order")
    void gatheringTransportTakesBacklogInOneWrite() throws Exception {
        stream.gather = 8;
        writer.attach(stream);
        stream.ready = false;
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        writer.queueData(frame(0x81, 0x01, 'a'), first);
        writer.queueData(frame(0x81, 0x01, 'b'), second);
        writer.queueControl(frame(0x8A, 0x00), null);
        stream.ready = true;
        writer.onWritePossible();
        assertThat(stream.writeSizes).containsExactly(3);
        assertThat(stream.written.toByteArray()).containsExactly(0x8A, 0x00, 0x81, 0x01, 'a', 0x81, 0x01, 'b');
        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
        assertThat(gauge.stream().mapToLong(Long::longValue).sum()).isZero();
    }

    @Test
    @DisplayName("A transport that does not gather gets one buffer per write, each after a readiness check")
    void nonGatheringTransportGetsOneBufferPerWrite() throws Exception {
        writer.attach(stream);
        stream.ready = false;
        writer.queueData(frame(0x81, 0x01, 'a'), null);
        writer.queueData(frame(0x81, 0x01, 'b'), null);
        stream.ready = true;
        writer.onWritePossible();
        assertThat(stream.writeSizes).containsExactly(1, 1);
    }

    @Test
    @DisplayName("RFC 6455 §7.1.1: the connection is dropped only after everything queued was handed over")
    void closeWhenFlushedWaitsForQueue() throws Exception {
        writer.attach(stream);
        stream.ready = false;
        writer.queueControl(frame(0x88, 0x02, 0x03, 0xE8), null);
        writer.closeWhenFlushed();
        assertThat(events).isEmpty();
        stream.ready = true;
        writer.onWritePossible();
        assertThat(stream.written.toByteArray()).containsExactly(0x88, 0x02, 0x03, 0xE8);
        assertThat(events).containsExactly("flushed-for-close");
    }

    @Test
    @DisplayName("Connection lost: queued messages fail, nothing more is accepted, the gauge returns to zero")
    void discardAllFailsFutures() throws Exception {
        writer.attach(stream);
        stream.ready = false;
        CompletableFuture<Void> sent = new CompletableFuture<>();
        writer.queueData(frame(0x82, 0x02, 1, 2), sent);
        writer.discardAll(new IllegalStateException("lost"));
        assertThat(sent).isCompletedExceptionally();
        assertThat(writer.queueData(frame(0x82, 0x00), new CompletableFuture<>())).isFalse();
        assertThat(gauge.stream().mapToLong(Long::longValue).sum()).isZero();
    }
}
