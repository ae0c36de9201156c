package io.wsstack.client;

import static io.wsstack.core.frame.WebSocketProtocol.B0_MASK_OPCODE;
import static io.wsstack.core.frame.WebSocketProtocol.OPCODE_CLOSE;
import static io.wsstack.core.frame.WebSocketProtocol.OPCODE_PONG;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The encoded frames of one session waiting for its writer thread.
 *
 * <p>Pings and pongs jump ahead of queued messages (each entry is whole frames, so never into the
 * middle of one), and an unsent automatic pong is replaced by a newer one: a ping flood from a server
 * that does not read costs one pong, not one per ping (RFC 6455 §5.5.3 allows answering only the
 * latest ping).
 * The Close frame waits behind the messages queued before it, so that they still reach the server,
 * and nothing follows it. Message bytes are counted against the send buffer limit until written.
 */
final class OutboundQueue {

    /**
     * One engine output: whole frames, the future of the send that produced them (or {@code null}),
     * the bytes counted against the send buffer (0 for control frames), and whether it is the Close.
     */
    record Entry(ByteBuffer frames, CompletableFuture<Void> done, long counted, boolean close) {
    }

    private final ArrayDeque<Entry> control = new ArrayDeque<>();
    private final ArrayDeque<Entry> messages = new ArrayDeque<>();
    private long queuedBytes;
    private Throwable closedWith;

    /** Queues one sink call's frames; {@code done} may be {@code null}. Fails {@code done} when closed. */
    synchronized void add(ByteBuffer frames, boolean controlFrame, CompletableFuture<Void> done) {
        if (closedWith != null) {
            if (done != null) {
                done.completeExceptionally(closedWith);
            }
            return;
        }
        int opcode = frames.get(frames.position()) & B0_MASK_OPCODE;
        if (!controlFrame) {
            messages.add(new Entry(frames, done, frames.remaining(), false));
            queuedBytes += frames.remaining();
        } else if (opcode == OPCODE_CLOSE) {
            messages.add(new Entry(frames, done, 0, true));
        } else {
            if (opcode == OPCODE_PONG && done == null) {
                dropUnsentAutomaticPong();
            }
            control.add(new Entry(frames, done, 0, false));
        }
        notifyAll();
    }

    /** Bytes of messages queued and not yet written. */
    synchronized long queuedBytes() {
        return queuedBytes;
    }

    /**
     * Moves everything queued into {@code out}, control frames first, waiting while nothing is.
     * Returns {@code false} once the queue is closed.
     */
    synchronized boolean takeAll(List<Entry> out) throws InterruptedException {
        while (control.isEmpty() && messages.isEmpty() && closedWith == null) {
            wait();
        }
        if (closedWith != null) {
            return false;
        }
        out.addAll(control);
        control.clear();
        out.addAll(messages);
        messages.clear();
        return true;
    }

    /** Records that an entry taken by {@link #takeAll} was written. */
    synchronized void written(Entry entry) {
        if (closedWith == null) {
            queuedBytes -= entry.counted();
        }
    }

    /** Refuses everything from now on and fails the futures still queued with {@code cause}. */
    void close(Throwable cause) {
        List<Entry> dropped;
        synchronized (this) {
            if (closedWith != null) {
                return;
            }
            closedWith = cause;
            dropped = new ArrayList<>(control);
            dropped.addAll(messages);
            control.clear();
            messages.clear();
            queuedBytes = 0;
            notifyAll();
        }
        for (Entry entry : dropped) {
            if (entry.done() != null) {
                entry.done().completeExceptionally(cause);
            }
        }
    }

    /**
     * Removes an unsent pong the engine queued by itself in answer to a ping. Pongs the application
     * sent carry a future and stay: completing a future here would run its callbacks under locks.
     */
    private void dropUnsentAutomaticPong() {
        for (Iterator<Entry> it = control.iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (entry.done() == null && (entry.frames().get(entry.frames().position()) & B0_MASK_OPCODE) == OPCODE_PONG) {
                it.remove();
            }
        }
    }
}
