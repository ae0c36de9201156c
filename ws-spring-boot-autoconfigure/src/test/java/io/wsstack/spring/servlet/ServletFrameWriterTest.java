package io.wsstack.spring.servlet;

import io.wsstack.spring.WsObserver;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class ServletFrameWriterTest {

    /** A non-blocking stream whose readiness the test switches; it records every write. */
    static final class FakeStream extends ServletOutputStream {
        boolean ready = true;
        int flushes;
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        WriteListener listener;

        @Override public boolean isReady() { return ready; }
        @Override public void setWriteListener(WriteListener writeListener) { listener = writeListener; }
        @Override public void write(int b) { written.write(b); }
        @Override public void write(byte[] b, int off, int len) { written.write(b, off, len); }
        @Override public void flush() { flushes++; }
    }

    private final List<String> events = new ArrayList<>();
    private final List<Long> gauge = new ArrayList<>();
    private final FakeStream stream = new FakeStream();
    private final ServletFrameWriter writer = new ServletFrameWriter("e", new WsObserver() {
        @Override
        public void outboundQueueChanged(String endpoint, long delta) {
            gauge.add(delta);
        }
    }, new ServletFrameWriter.Events() {
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
    void writesAndCompletes() {
        writer.attach(stream);
        CompletableFuture<Void> sent = new CompletableFuture<>();
        writer.queueData(frame(0x81, 0x01, 'a'), sent);
        writer.flush();
        assertThat(stream.written.toByteArray()).containsExactly(0x81, 0x01, 'a');
        assertThat(stream.flushes).isEqualTo(1);
        assertThat(sent).isCompleted();
        assertThat(gauge).containsExactly(3L, -3L);
    }

    @Test
    @DisplayName("RFC 6455 §5.5: while the socket is busy a queued pong overtakes queued data")
    void controlOvertakesDataWhileBusy() {
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
    @DisplayName("RFC 6455 §7.1.1: the connection is dropped only after everything queued was handed over")
    void closeWhenFlushedWaitsForQueue() {
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
    void discardAllFailsFutures() {
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
