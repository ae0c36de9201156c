package io.wsstack.spring.servlet;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundQueueTest {

    private static ByteBuffer frame(int firstByte, int payloadLength) {
        ByteBuffer b = ByteBuffer.allocate(2 + payloadLength);
        b.put((byte) firstByte).put((byte) payloadLength);
        return b.position(b.limit()).flip();
    }

    private static ByteBuffer text(int n) {
        return frame(0x81, n);
    }

    private static ByteBuffer pong(int n) {
        return frame(0x8A, n);
    }

    @Test
    @DisplayName("RFC 6455 §5.5: a control frame is written before data messages already queued")
    void controlJumpsAheadOfData() {
        OutboundQueue queue = new OutboundQueue();
        ByteBuffer data = text(3);
        ByteBuffer ping = frame(0x89, 0);
        queue.addData(data, null);
        queue.addControl(ping, null);
        assertThat(queue.poll().frames()).isSameAs(ping);
        assertThat(queue.poll().frames()).isSameAs(data);
        assertThat(queue.poll()).isNull();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: our Close goes after the data queued before it (no data frame follows a Close); a ping still jumps ahead")
    void closeWaitsForQueuedData() {
        OutboundQueue queue = new OutboundQueue();
        ByteBuffer first = text(3);
        ByteBuffer second = text(4);
        ByteBuffer ping = frame(0x89, 0);
        ByteBuffer close = frame(0x88, 2);
        queue.addData(first, null);
        queue.addData(second, null);
        queue.addControl(ping, null);
        queue.addControl(close, null);
        assertThat(queue.poll().frames()).isSameAs(ping);
        assertThat(queue.poll().frames()).isSameAs(first);
        assertThat(queue.poll().frames()).isSameAs(second);
        assertThat(queue.poll().frames()).isSameAs(close);
        assertThat(queue.poll()).isNull();
        assertThat(queue.dataBytes()).isZero();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: nothing is queued after our Close frame")
    void nothingAfterClose() {
        OutboundQueue queue = new OutboundQueue();
        assertThat(queue.addControl(frame(0x88, 2), null)).isTrue();
        assertThat(queue.addData(text(1), null)).isFalse();
        assertThat(queue.addControl(frame(0x89, 0), null)).isFalse();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.3: ten pings in a burst get ten pongs, in order")
    void burstOfPongsKeptInOrder() {
        OutboundQueue queue = new OutboundQueue();
        List<ByteBuffer> pongs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ByteBuffer pong = pong(9);
            pongs.add(pong);
            queue.addControl(pong, null);
        }
        for (ByteBuffer pong : pongs) {
            assertThat(queue.poll().frames()).isSameAs(pong);
        }
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.3: beyond 16 waiting pongs the newest waiting one is replaced (bounded memory)")
    void pongCountBounded() {
        OutboundQueue queue = new OutboundQueue();
        List<ByteBuffer> kept = new ArrayList<>();
        for (int i = 0; i < OutboundQueue.MAX_PENDING_PONGS - 1; i++) {
            ByteBuffer pong = pong(0);
            kept.add(pong);
            queue.addControl(pong, null);
        }
        CompletableFuture<Void> replaced = new CompletableFuture<>();
        queue.addControl(pong(0), replaced);
        ByteBuffer latest = null;
        for (int i = 0; i < 10_000; i++) {
            latest = pong(0);
            queue.addControl(latest, null);
        }
        assertThat(replaced).isCompleted();
        for (ByteBuffer pong : kept) {
            assertThat(queue.poll().frames()).isSameAs(pong);
        }
        assertThat(queue.poll().frames()).isSameAs(latest);
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.3: a flood of 125-byte pings keeps at most 1 KiB of pongs waiting, the latest last")
    void pongBytesBounded() {
        OutboundQueue queue = new OutboundQueue();
        ByteBuffer latest = null;
        for (int i = 0; i < 10_000; i++) {
            latest = pong(125);
            queue.addControl(latest, null);
        }
        int waiting = 0;
        ByteBuffer last = null;
        for (OutboundQueue.Entry e; (e = queue.poll()) != null; ) {
            waiting += e.frames().remaining();
            last = e.frames();
        }
        assertThat(waiting).isLessThanOrEqualTo(OutboundQueue.MAX_PENDING_PONG_BYTES).isEqualTo(8 * 127);
        assertThat(last).isSameAs(latest);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.3: pongs written make room again: a second burst is kept whole")
    void pongBoundCountsOnlyWaitingPongs() {
        OutboundQueue queue = new OutboundQueue();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < OutboundQueue.MAX_PENDING_PONGS; i++) {
                queue.addControl(pong(10), null);
            }
            int polled = 0;
            while (queue.poll() != null) {
                polled++;
            }
            assertThat(polled).as("round %d", round).isEqualTo(OutboundQueue.MAX_PENDING_PONGS);
        }
    }

    @Test
    @DisplayName("Send buffer: data bytes are counted in and out, and the high-water mark is kept")
    void countsDataBytes() {
        OutboundQueue queue = new OutboundQueue();
        queue.addData(text(8), null);
        queue.addData(text(18), null);
        assertThat(queue.dataBytes()).isEqualTo(30);
        queue.poll();
        assertThat(queue.dataBytes()).isEqualTo(20);
        assertThat(queue.highWaterBytes()).isEqualTo(30);
        assertThat(queue.discardData()).hasSize(1);
        assertThat(queue.dataBytes()).isZero();
    }

    @Test
    @DisplayName("Slow consumer close: queued data is discarded but a Close can still be queued")
    void discardDataKeepsQueueOpenForClose() {
        OutboundQueue queue = new OutboundQueue();
        queue.addData(text(8), null);
        queue.discardData();
        assertThat(queue.addControl(frame(0x88, 2), null)).isTrue();
        assertThat(queue.isCloseQueued()).isTrue();
    }
}
