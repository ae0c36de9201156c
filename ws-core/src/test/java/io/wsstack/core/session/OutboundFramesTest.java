package io.wsstack.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OutboundFramesTest {

    private final OutboundFrames queue = new OutboundFrames();

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

    /** Everything queued, in write order. */
    private List<ByteBuffer> drain() {
        List<ByteBuffer> out = new ArrayList<>();
        ByteBuffer[] frames = new ByteBuffer[3];
        CompletableFuture<?>[] futures = new CompletableFuture<?>[3];
        for (int n; (n = queue.drainTo(frames, futures, 3)) > 0; ) {
            out.addAll(java.util.Arrays.asList(frames).subList(0, n));
        }
        return out;
    }

    @Test
    @DisplayName("Queues that start out empty stay independent: one queue's frames never show up in another's")
    void emptyQueuesShareNothing() {
        OutboundFrames other = new OutboundFrames();
        OutboundFrames third = new OutboundFrames();
        third.discardAll(new ArrayList<>()); // an untouched queue torn down
        ByteBuffer ping = frame(0x89, 0);
        ByteBuffer data = text(3);
        queue.addControl(ping, null);
        queue.addData(data, null);

        assertThat(other.isEmpty()).isTrue();
        assertThat(third.isEmpty()).isTrue();
        ByteBuffer[] frames = new ByteBuffer[3];
        assertThat(other.drainTo(frames, new Object[3], 3)).isZero();
        assertThat(drain()).containsExactly(ping, data);
        assertThat(other.addData(text(1), null)).isTrue();
        assertThat(other.isEmpty()).isFalse();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("RFC 6455 §5.5: a control frame is written before data messages already queued")
    void controlJumpsAheadOfData() {
        ByteBuffer data = text(3);
        ByteBuffer ping = frame(0x89, 0);
        queue.addData(data, null);
        queue.addControl(ping, new CompletableFuture<>());
        assertThat(drain()).containsExactly(ping, data);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: our Close goes after the data queued before it; a ping still jumps ahead")
    void closeWaitsForQueuedData() {
        ByteBuffer first = text(3);
        ByteBuffer second = text(4);
        ByteBuffer ping = frame(0x89, 0);
        ByteBuffer close = frame(0x88, 2);
        queue.addData(first, null);
        queue.addData(second, null);
        queue.addControl(ping, null);
        queue.addControl(close, null);
        assertThat(drain()).containsExactly(ping, first, second, close);
        assertThat(queue.dataBytes()).isZero();
    }

    @Test
    @DisplayName("Each drained entry comes with the future of the send it ends")
    void futuresTravelWithTheirFrames() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        queue.addData(text(1), null);
        queue.addData(text(2), f);
        ByteBuffer[] frames = new ByteBuffer[4];
        CompletableFuture<?>[] futures = new CompletableFuture<?>[4];
        assertThat(queue.drainTo(frames, futures, 4)).isEqualTo(2);
        assertThat(futures[0]).isNull();
        assertThat(futures[1]).isSameAs(f);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: nothing is queued after our Close frame")
    void nothingAfterClose() {
        assertThat(queue.addControl(frame(0x88, 2), null)).isTrue();
        assertThat(queue.addData(text(1), null)).isFalse();
        assertThat(queue.addControl(frame(0x89, 0), null)).isFalse();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.3: ten pings in a burst get ten pongs, in order")
    void burstOfPongsKeptInOrder() {
        List<ByteBuffer> pongs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ByteBuffer pong = pong(9);
            pongs.add(pong);
            queue.addControl(pong, null);
        }
        assertThat(drain()).containsExactlyElementsOf(pongs);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.3: beyond 16 waiting pongs the newest waiting one is replaced (bounded memory)")
    void pongCountBounded() {
        List<ByteBuffer> kept = new ArrayList<>();
        for (int i = 0; i < OutboundFrames.MAX_PENDING_PONGS - 1; i++) {
            ByteBuffer pong = pong(0);
            kept.add(pong);
            queue.addControl(pong, null);
        }
        ByteBuffer latest = null;
        for (int i = 0; i < 10_000; i++) {
            latest = pong(0);
            queue.addControl(latest, null);
        }
        kept.add(latest);
        assertThat(drain()).containsExactlyElementsOf(kept);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.3: a flood of 125-byte pings keeps at most 1 KiB of pongs waiting, the latest last")
    void pongBytesBounded() {
        ByteBuffer latest = null;
        for (int i = 0; i < 10_000; i++) {
            latest = pong(125);
            queue.addControl(latest, null);
        }
        List<ByteBuffer> waiting = drain();
        assertThat(waiting.stream().mapToInt(ByteBuffer::remaining).sum())
                .isLessThanOrEqualTo(OutboundFrames.MAX_PENDING_PONG_BYTES).isEqualTo(8 * 127);
        assertThat(waiting.get(waiting.size() - 1)).isSameAs(latest);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.3: a pong the application sent (it has a future) is never replaced")
    void applicationPongKept() {
        ByteBuffer own = pong(1);
        queue.addControl(own, new CompletableFuture<>());
        for (int i = 0; i < 100; i++) {
            queue.addControl(pong(1), null);
        }
        assertThat(drain()).startsWith(own).hasSize(1 + OutboundFrames.MAX_PENDING_PONGS);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.3: pongs written make room again: a second burst is kept whole")
    void pongBoundCountsOnlyWaitingPongs() {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < OutboundFrames.MAX_PENDING_PONGS; i++) {
                queue.addControl(pong(10), null);
            }
            assertThat(drain()).as("round %d", round).hasSize(OutboundFrames.MAX_PENDING_PONGS);
        }
    }

    @Test
    @DisplayName("Send buffer: data bytes are counted in and out, and the high-water mark is kept")
    void countsDataBytes() {
        queue.addData(text(8), null);
        queue.addData(text(18), new CompletableFuture<>());
        assertThat(queue.dataBytes()).isEqualTo(30);
        queue.drainTo(new ByteBuffer[1], new CompletableFuture<?>[1], 1);
        assertThat(queue.dataBytes()).isEqualTo(20);
        assertThat(queue.highWaterBytes()).isEqualTo(30);
        List<CompletableFuture<Void>> failed = new ArrayList<>();
        queue.discardData(failed);
        assertThat(failed).hasSize(1);
        assertThat(queue.dataBytes()).isZero();
    }

    @Test
    @DisplayName("Slow consumer close: queued data is discarded but a Close can still be queued")
    void discardDataKeepsQueueOpenForClose() {
        queue.addData(text(8), null);
        queue.discardData(new ArrayList<>());
        assertThat(queue.addControl(frame(0x88, 2), null)).isTrue();
        assertThat(queue.isCloseQueued()).isTrue();
    }

    @Test
    @DisplayName("Connection lost: everything is dropped with its futures, and nothing more is accepted")
    void discardAll() {
        CompletableFuture<Void> data = new CompletableFuture<>();
        CompletableFuture<Void> ping = new CompletableFuture<>();
        queue.addData(text(8), data);
        queue.addControl(frame(0x89, 0), ping);
        List<CompletableFuture<Void>> failed = new ArrayList<>();
        queue.discardAll(failed);
        assertThat(failed).containsExactlyInAnyOrder(data, ping);
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.addData(text(1), null)).isFalse();
    }

    @Test
    @DisplayName("The ring grows past its first capacity and keeps the order")
    void growsInOrder() {
        List<ByteBuffer> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ByteBuffer t = text(i % 7);
            all.add(t);
            queue.addData(t, null);
            if (i % 3 == 0) {
                ByteBuffer[] one = new ByteBuffer[1];
                queue.drainTo(one, new CompletableFuture<?>[1], 1);
                assertThat(one[0]).isSameAs(all.remove(0));
            }
        }
        assertThat(drain()).containsExactlyElementsOf(all);
    }

    // ---- coalescing into pooled buffers ----------------------------------------------------------

    private static void put(OutboundFrames q, int... frame) {
        byte[] out = q.reserve(frame.length);
        int offset = q.reservedOffset();
        for (int i = 0; i < frame.length; i++) {
            out[offset + i] = (byte) frame[i];
        }
        q.commit(frame.length, null);
    }

    @Test
    @DisplayName("Small frames share one pooled buffer; the queue counts their bytes")
    void smallFramesShareOneBuffer() {
        FrameBufferPool pool = new FrameBufferPool(2, 64);
        OutboundFrames q = new OutboundFrames(pool);
        put(q, 0x81, 0x01, 'a');
        put(q, 0x81, 0x01, 'b');
        assertThat(q.dataBytes()).isEqualTo(6);
        ByteBuffer[] frames = new ByteBuffer[4];
        assertThat(q.drainTo(frames, new Object[4], 4)).isEqualTo(1);
        assertThat(frames[0].remaining()).isEqualTo(6);
        assertThat(q.dataBytes()).isZero();
    }

    @Test
    @DisplayName("A drained buffer takes no more frames, and goes back to the pool only once released as written")
    void drainedBufferIsNotAppendedToAndReturnsOnRelease() {
        FrameBufferPool pool = new FrameBufferPool(2, 64);
        OutboundFrames q = new OutboundFrames(pool);
        put(q, 0x81, 0x01, 'a');
        ByteBuffer[] frames = new ByteBuffer[4];
        q.drainTo(frames, new Object[4], 4);
        ByteBuffer inFlight = frames[0];
        put(q, 0x81, 0x01, 'b');
        assertThat(inFlight.remaining()).as("the buffer being written is not touched").isEqualTo(3);
        assertThat(pool.idleCount()).isZero();
        q.releaseWritten();
        assertThat(pool.idleCount()).isEqualTo(1);
        q.drainTo(frames, new Object[4], 4);
        assertThat(frames[0]).isNotSameAs(inFlight);
        assertThat(frames[0].get(2)).isEqualTo((byte) 'b');
    }

    @Test
    @DisplayName("RFC 6455 §5.4: a pong queued while a header waits is written before the header or after its payload, never between")
    void pongNeverSplitsHeaderFromPayload() {
        OutboundFrames q = new OutboundFrames(new FrameBufferPool(2, 64));
        ByteBuffer payload = ByteBuffer.allocate(200);
        byte[] out = q.reserve(4);
        int offset = q.reservedOffset();
        out[offset] = (byte) 0x82;
        out[offset + 1] = 126;
        out[offset + 2] = 0;
        out[offset + 3] = (byte) 200;
        q.attachPayload(4, payload, null);
        ByteBuffer pong = pong(0);
        q.addControl(pong, null);
        ByteBuffer[] frames = new ByteBuffer[2];
        assertThat(q.drainTo(frames, new Object[2], 2)).as("the pong; the header and payload do not fit in the rest").isEqualTo(1);
        assertThat(frames[0]).isSameAs(pong);
        assertThat(q.drainTo(frames, new Object[2], 2)).isEqualTo(2);
        assertThat(frames[0].remaining()).isEqualTo(4);
        assertThat(frames[1]).isSameAs(payload);
        assertThat(q.dataBytes()).isZero();
    }

    @Test
    @DisplayName("Frames after a large payload go after it, in a new buffer")
    void framesAfterPayloadKeepOrder() {
        OutboundFrames q = new OutboundFrames(new FrameBufferPool(2, 64));
        put(q, 0x81, 0x01, 'a');
        q.reserve(2);
        q.attachPayload(2, ByteBuffer.allocate(0), null);
        put(q, 0x81, 0x01, 'b');
        ByteBuffer[] frames = new ByteBuffer[8];
        int n = q.drainTo(frames, new Object[8], 8);
        assertThat(n).isEqualTo(3);
        assertThat(frames[0].remaining()).isEqualTo(5);
        assertThat(frames[2].get(2)).isEqualTo((byte) 'b');
    }

    @Test
    @DisplayName("Futures of coalesced frames all complete when their buffer is written")
    void coalescedFuturesComplete() {
        OutboundFrames q = new OutboundFrames(new FrameBufferPool(2, 64));
        CompletableFuture<Void> a = new CompletableFuture<>();
        CompletableFuture<Void> b = new CompletableFuture<>();
        q.reserve(3);
        q.commit(3, a);
        q.reserve(3);
        q.commit(3, null);
        q.reserve(3);
        q.commit(3, b);
        Object[] completions = new Object[2];
        assertThat(q.drainTo(new ByteBuffer[2], completions, 2)).isEqualTo(1);
        Completions.complete(completions[0]);
        assertThat(a).isCompleted();
        assertThat(b).isCompleted();
    }

    @Test
    @DisplayName("Connection lost: coalesced futures fail; a buffer the transport may still read never returns to the pool")
    void discardAllKeepsInFlightBuffersOutOfThePool() {
        FrameBufferPool pool = new FrameBufferPool(4, 64);
        OutboundFrames q = new OutboundFrames(pool);
        put(q, 0x81, 0x01, 'a');
        q.drainTo(new ByteBuffer[2], new Object[2], 2);
        CompletableFuture<Void> waiting = new CompletableFuture<>();
        q.reserve(3);
        q.commit(3, waiting);
        List<CompletableFuture<Void>> failed = new ArrayList<>();
        q.discardAll(failed);
        assertThat(failed).containsExactly(waiting);
        assertThat(pool.idleCount()).as("only the never-written buffer").isEqualTo(1);
        q.releaseWritten();
        assertThat(pool.idleCount()).isEqualTo(1);
        assertThat(q.reserve(3)).isNull();
    }
}
