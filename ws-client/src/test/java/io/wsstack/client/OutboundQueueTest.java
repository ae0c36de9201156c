package io.wsstack.client;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The order and bounds of a session's outgoing frames, without sockets. */
class OutboundQueueTest {

    private static ByteBuffer hex(String frame) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(frame));
    }

    private static final String TEXT_HELLO = "810548656c6c6f"; // RFC 6455 §5.7, unmasked "Hello"
    private static final String PING = "8900";
    private static final String PONG_A = "8a0141";
    private static final String PONG_B = "8a0142";
    private static final String CLOSE_1000 = "880203e8";

    private static List<String> takeAll(OutboundQueue queue) throws InterruptedException {
        List<OutboundQueue.Entry> entries = new ArrayList<>();
        queue.takeAll(entries);
        return entries.stream().map(e -> HexFormat.of().formatHex(e.frames().array())).toList();
    }

    @Test
    @DisplayName("RFC 6455 §5.5: pings and pongs go ahead of queued messages, the Close behind them")
    void controlFramesJumpCloseWaits() throws InterruptedException {
        OutboundQueue queue = new OutboundQueue();
        queue.add(hex(TEXT_HELLO), false, null);
        queue.add(hex(CLOSE_1000), true, null);
        queue.add(hex(PING), true, null);

        assertThat(takeAll(queue)).containsExactly(PING, TEXT_HELLO, CLOSE_1000);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.3: only the latest unsent automatic pong is kept (ping flood from a server that does not read)")
    void latestPongOnly() throws InterruptedException {
        OutboundQueue queue = new OutboundQueue();
        queue.add(hex(PONG_A), true, null);
        queue.add(hex(PONG_B), true, null);

        assertThat(takeAll(queue)).containsExactly(PONG_B);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.3: a pong the application sent (it has a future) is never dropped")
    void applicationPongKept() throws InterruptedException {
        OutboundQueue queue = new OutboundQueue();
        queue.add(hex(PONG_A), true, new CompletableFuture<>());
        queue.add(hex(PONG_B), true, null);

        assertThat(takeAll(queue)).containsExactly(PONG_A, PONG_B);
    }

    @Test
    @DisplayName("Send buffer accounting: message bytes count until written, control frames never")
    void queuedBytesCountMessagesOnly() throws InterruptedException {
        OutboundQueue queue = new OutboundQueue();
        queue.add(hex(TEXT_HELLO), false, null);
        queue.add(hex(PING), true, null);
        assertThat(queue.queuedBytes()).isEqualTo(7);

        List<OutboundQueue.Entry> entries = new ArrayList<>();
        queue.takeAll(entries);
        assertThat(queue.queuedBytes()).isEqualTo(7);
        entries.forEach(queue::written);
        assertThat(queue.queuedBytes()).isZero();
    }

    @Test
    @DisplayName("A closed queue fails the futures of frames never written, and refuses new ones")
    void closeFailsPending() throws InterruptedException {
        OutboundQueue queue = new OutboundQueue();
        CompletableFuture<Void> queued = new CompletableFuture<>();
        CompletableFuture<Void> late = new CompletableFuture<>();
        queue.add(hex(TEXT_HELLO), false, queued);
        queue.close(new IOException("gone"));
        queue.add(hex(TEXT_HELLO), false, late);

        assertThat(queued).isCompletedExceptionally();
        assertThat(late).isCompletedExceptionally();
        assertThat(queue.takeAll(new ArrayList<>())).isFalse();
        assertThat(queue.queuedBytes()).isZero();
    }
}
