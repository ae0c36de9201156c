package io.wsstack.spring.servlet;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The encoded frames of one session waiting for the socket, with the ordering rules of RFC 6455
 * §5.4–§5.5: pings and pongs jump ahead of queued data (a frame handed to the container is always
 * whole, so a control frame never lands inside another frame); our Close goes after the data
 * queued before it, since no data frame may follow a Close (§5.5.1); nothing is queued after it.
 *
 * <p>Memory stays bounded whatever the peer does: data bytes are counted against the session's
 * send-buffer limit by the caller ({@link #dataBytes()}); other control frames are at most one ping
 * and one Close; and pongs are bounded as follows.
 *
 * <p><b>Pongs.</b> Every ping gets its own pong, in order, while the pongs waiting for the socket
 * stay within {@value #MAX_PENDING_PONGS} frames and {@value #MAX_PENDING_PONG_BYTES} bytes. A peer
 * that pings in bursts and reads its socket (Autobahn 2.10: ten pings in one write) thus sees ten
 * pongs, as strict clients expect. Only a peer that keeps pinging while it does not read fills the
 * bound; from then on each new pong replaces the newest waiting one, which RFC 6455 §5.5.3 allows
 * ("a Pong frame sent in response to the most recent" ping), so a ping flood from a non-reading
 * peer costs at most about 1 KiB per session. 16 frames cover any reasonable burst; 1 KiB is what 16
 * pongs of up to 62 bytes take, and it keeps a flood of 125-byte pings at 8 waiting pongs.
 *
 * <p>Not thread-safe: {@link ServletFrameWriter} guards it with its own lock.
 */
final class OutboundQueue {

    private static final int OPCODE_CLOSE = 0x8;
    private static final int OPCODE_PONG = 0xA;
    /** Most pongs waiting at once (see the class comment). */
    static final int MAX_PENDING_PONGS = 16;
    /** Most bytes of waiting pongs (see the class comment). */
    static final int MAX_PENDING_PONG_BYTES = 1024;

    private final ArrayDeque<Entry> control = new ArrayDeque<>(4);
    private final ArrayDeque<Entry> data = new ArrayDeque<>();
    private long dataBytes;
    private long highWaterBytes;
    private boolean closeQueued;
    private int pendingPongs;
    private int pendingPongBytes;

    /** One buffer of whole frames and the future of the message it ends, if any. */
    record Entry(ByteBuffer frames, CompletableFuture<Void> future) {
    }

    /**
     * Queues a data frame (or several frames of one message).
     *
     * @return false if our Close is already queued; the caller fails the future
     */
    boolean addData(ByteBuffer frames, CompletableFuture<Void> future) {
        if (closeQueued) {
            return false;
        }
        data.addLast(new Entry(frames, future));
        dataBytes += frames.remaining();
        highWaterBytes = Math.max(highWaterBytes, dataBytes);
        return true;
    }

    /**
     * Queues a control frame ahead of all data. Pongs queue in order within the pong bound, beyond
     * it a pong replaces the newest one still waiting; after a Close nothing more is accepted.
     *
     * @return false if our Close was already queued
     */
    boolean addControl(ByteBuffer frame, CompletableFuture<Void> future) {
        if (closeQueued) {
            return false;
        }
        int opcode = frame.get(frame.position()) & 0x0F;
        if (opcode == OPCODE_PONG) {
            int size = frame.remaining();
            if (pendingPongs >= MAX_PENDING_PONGS || pendingPongBytes + size > MAX_PENDING_PONG_BYTES) {
                dropNewestPong();
            }
            pendingPongs++;
            pendingPongBytes += size;
        }
        if (opcode == OPCODE_CLOSE) {
            closeQueued = true;
        }
        control.addLast(new Entry(frame, future));
        return true;
    }

    private static int opcode(Entry entry) {
        return entry.frames.get(entry.frames.position()) & 0x0F;
    }

    /** Over the pong bound: the newest waiting pong gives way (its future completes, as if sent). */
    private void dropNewestPong() {
        Iterator<Entry> newestFirst = control.descendingIterator();
        while (newestFirst.hasNext()) {
            Entry entry = newestFirst.next();
            if (opcode(entry) == OPCODE_PONG) {
                newestFirst.remove();
                forgetPong(entry);
                if (entry.future != null) {
                    entry.future.complete(null);
                }
                return;
            }
        }
    }

    private void forgetPong(Entry pong) {
        pendingPongs--;
        pendingPongBytes -= pong.frames.remaining();
    }

    /** The next entry to write (pings and pongs first, Close after the data), removed from the queue; {@code null} when empty. */
    Entry poll() {
        Entry head = control.peekFirst();
        // Nothing is queued after the Close, so when it heads the control frames it is their last.
        if (head != null && (data.isEmpty() || opcode(head) != OPCODE_CLOSE)) {
            control.pollFirst();
            if (opcode(head) == OPCODE_PONG) {
                forgetPong(head);
            }
            return head;
        }
        Entry next = data.pollFirst();
        if (next != null) {
            dataBytes -= next.frames.remaining();
        }
        return next;
    }

    /** Drops every queued data message (slow-consumer close); returns them so their futures can be failed. */
    List<Entry> discardData() {
        List<Entry> dropped = new ArrayList<>(data);
        data.clear();
        dataBytes = 0;
        return dropped;
    }

    /** Drops everything; returns the entries so their futures can be failed. */
    List<Entry> discardAll() {
        List<Entry> dropped = new ArrayList<>(control);
        dropped.addAll(data);
        control.clear();
        data.clear();
        dataBytes = 0;
        pendingPongs = 0;
        pendingPongBytes = 0;
        closeQueued = true;
        return dropped;
    }

    /** Bytes of data frames waiting. */
    long dataBytes() {
        return dataBytes;
    }

    /** The most data bytes that ever waited at once. */
    long highWaterBytes() {
        return highWaterBytes;
    }

    /** Whether nothing waits. */
    boolean isEmpty() {
        return control.isEmpty() && data.isEmpty();
    }

    /** Whether our Close frame was queued (it may already have been written). */
    boolean isCloseQueued() {
        return closeQueued;
    }
}
