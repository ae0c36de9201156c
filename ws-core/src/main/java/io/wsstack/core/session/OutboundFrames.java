package io.wsstack.core.session;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The encoded frames of one session waiting for the socket, with the ordering rules of RFC 6455
 * §5.4–§5.5, the same for every transport and both ends: pings and pongs jump ahead of queued data
 * (an entry is always whole frames, so a control frame never lands inside another frame); our Close
 * goes after the data queued before it, since no data frame may follow a Close (§5.5.1); nothing is
 * queued after it.
 *
 * <p>Memory stays bounded whatever the peer does: data bytes are counted against the session's
 * send-buffer limit by the caller ({@link #dataBytes()}); our own control frames are a ping now and
 * then and one Close; and the pongs we owe the peer are bounded as follows.
 *
 * <p><b>Pongs.</b> Every ping gets its own pong, in order, while the automatic pongs waiting for
 * the socket stay within {@value #MAX_PENDING_PONGS} frames and {@value #MAX_PENDING_PONG_BYTES}
 * bytes. A peer that pings in bursts and reads its socket (Autobahn 2.10: ten pings in one write)
 * thus sees ten pongs, as strict peers expect. Only a peer that keeps pinging while it does not read
 * fills the bound; from then on each new pong replaces the newest waiting one, which RFC 6455
 * §5.5.3 allows ("a Pong frame sent in response to the most recent" ping), so a ping flood costs at
 * most about 1 KiB per session. 16 frames cover any reasonable burst; 1 KiB is what 16 pongs of up
 * to 62 bytes take, and it keeps a flood of 125-byte pings at 8 waiting pongs. A pong the
 * application sent itself (it carries a future) is never replaced.
 *
 * <p>Not thread-safe: the session's writer guards it.
 */
public final class OutboundFrames {

    private static final int OPCODE_CLOSE = 0x8;
    private static final int OPCODE_PONG = 0xA;
    /** Most automatic pongs waiting at once (see the class comment). */
    public static final int MAX_PENDING_PONGS = 16;
    /** Most bytes of automatic pongs waiting at once (see the class comment). */
    public static final int MAX_PENDING_PONG_BYTES = 1024;

    private final FrameRing control = new FrameRing(4);
    private final FrameRing data = new FrameRing(8);
    private long dataBytes;
    private long highWaterBytes;
    private boolean closeQueued;
    private int pendingPongs;
    private int pendingPongBytes;

    /**
     * Queues data frames (one message, or a fragment of one).
     *
     * @return false if our Close is already queued; the caller fails the future
     */
    public boolean addData(ByteBuffer frames, CompletableFuture<Void> future) {
        if (closeQueued) {
            return false;
        }
        data.addLast(frames, future);
        dataBytes += frames.remaining();
        if (dataBytes > highWaterBytes) {
            highWaterBytes = dataBytes;
        }
        return true;
    }

    /**
     * Queues one control frame ahead of all data. Automatic pongs queue in order within the pong
     * bound; beyond it a pong replaces the newest automatic one still waiting. After a Close
     * nothing more is accepted.
     *
     * @param future completed once written, or {@code null} (an automatic pong)
     * @return false if our Close was already queued
     */
    public boolean addControl(ByteBuffer frame, CompletableFuture<Void> future) {
        if (closeQueued) {
            return false;
        }
        int opcode = opcode(frame);
        if (opcode == OPCODE_PONG && future == null) {
            int size = frame.remaining();
            if (pendingPongs >= MAX_PENDING_PONGS || pendingPongBytes + size > MAX_PENDING_PONG_BYTES) {
                dropNewestAutomaticPong();
            }
            pendingPongs++;
            pendingPongBytes += size;
        } else if (opcode == OPCODE_CLOSE) {
            closeQueued = true;
        }
        control.addLast(frame, future);
        return true;
    }

    private static int opcode(ByteBuffer frame) {
        return frame.get(frame.position()) & 0x0F;
    }

    private static boolean isAutomaticPong(ByteBuffer frame, CompletableFuture<Void> future) {
        return future == null && opcode(frame) == OPCODE_PONG;
    }

    private void dropNewestAutomaticPong() {
        for (int i = control.size() - 1; i >= 0; i--) {
            ByteBuffer frame = control.frameAt(i);
            if (isAutomaticPong(frame, control.futureAt(i))) {
                pendingPongs--;
                pendingPongBytes -= frame.remaining();
                control.removeAt(i);
                return;
            }
        }
    }

    /**
     * Moves up to {@code max} entries, in the order they must be written (pings and pongs first,
     * data, then our Close), into {@code frames[0..n)} and their futures (or nulls) into
     * {@code futures[0..n)}; returns n. The caller writes the buffers in that order.
     */
    public int drainTo(ByteBuffer[] frames, CompletableFuture<?>[] futures, int max) {
        int n = 0;
        while (n < max) {
            ByteBuffer frame;
            CompletableFuture<Void> future;
            // Nothing is queued after the Close, so when it heads the control frames it is their last.
            if (!control.isEmpty() && (data.isEmpty() || opcode(control.frameAt(0)) != OPCODE_CLOSE)) {
                frame = control.frameAt(0);
                future = control.futureAt(0);
                control.removeFirst();
                if (isAutomaticPong(frame, future)) {
                    pendingPongs--;
                    pendingPongBytes -= frame.remaining();
                }
            } else if (!data.isEmpty()) {
                frame = data.frameAt(0);
                future = data.futureAt(0);
                data.removeFirst();
                dataBytes -= frame.remaining();
            } else {
                break;
            }
            frames[n] = frame;
            futures[n] = future;
            n++;
        }
        return n;
    }

    /** Drops every queued data message (slow-consumer close), adding their futures to {@code failed}. */
    public void discardData(List<CompletableFuture<Void>> failed) {
        data.clear(failed);
        dataBytes = 0;
    }

    /** Drops everything and accepts nothing more, adding the futures to {@code failed}. */
    public void discardAll(List<CompletableFuture<Void>> failed) {
        control.clear(failed);
        data.clear(failed);
        dataBytes = 0;
        pendingPongs = 0;
        pendingPongBytes = 0;
        closeQueued = true;
    }

    /** Bytes of data frames waiting. */
    public long dataBytes() {
        return dataBytes;
    }

    /** The most data bytes that ever waited at once. */
    public long highWaterBytes() {
        return highWaterBytes;
    }

    /** Whether nothing waits. */
    public boolean isEmpty() {
        return control.isEmpty() && data.isEmpty();
    }

    /** Whether our Close frame was queued (it may already have been written). */
    public boolean isCloseQueued() {
        return closeQueued;
    }
}
