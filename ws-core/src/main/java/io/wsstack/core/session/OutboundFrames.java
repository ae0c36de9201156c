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
 * <p><b>Coalescing.</b> Small data frames are encoded straight into the open tail: a pooled buffer
 * ({@link FrameBufferPool}) that collects consecutive frames until it is full or drained, so a read
 * batch of small echoes becomes one buffer and one write, and no frame array is allocated per
 * message ({@link #reserve}, {@link #commit}). A large frame's header goes into the tail too and its
 * payload rides in the same entry ({@link #attachPayload}), written right after it without being
 * copied. Buffers taken by {@link #drainTo} return to the pool on {@link #releaseWritten()}, once
 * the transport no longer reads them; so an idle session holds no buffer.
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

    /**
     * The empty ring every queue starts with, in place of each of its two rings until their first
     * entry: most sessions never queue a control frame of their own, and an idle one nothing at
     * all. Shared, so never written to: entries go in through {@link #control()} and {@link #data()}.
     */
    private static final FrameRing NO_ENTRIES = new FrameRing(1);

    private FrameRing control = NO_ENTRIES;
    private FrameRing data = NO_ENTRIES;
    private final FrameBufferPool pool;
    /** The pooled buffer that is the last data entry and still takes frames, or {@code null}. */
    private ByteBuffer tail;
    /** Where {@link #reserve} placed the frame being written, in {@link #tail}'s array. */
    private int reservedOffset;
    /** Pooled buffers drained and handed to the transport, to return on {@link #releaseWritten()}. */
    private ByteBuffer[] inFlight;
    private int inFlightCount;
    private long dataBytes;
    private long highWaterBytes;
    private boolean closeQueued;
    private int pendingPongs;
    private int pendingPongBytes;

    /** A queue that coalesces into buffers of the process-wide {@link FrameBufferPool#SHARED}. */
    public OutboundFrames() {
        this(FrameBufferPool.SHARED);
    }

    public OutboundFrames(FrameBufferPool pool) {
        this.pool = pool;
    }

    private FrameRing control() {
        if (control == NO_ENTRIES) {
            control = new FrameRing(4);
        }
        return control;
    }

    private FrameRing data() {
        if (data == NO_ENTRIES) {
            data = new FrameRing(4);
        }
        return data;
    }

    /** The largest frame {@link #reserve} takes. */
    public int maxCoalescedFrame() {
        return pool.bufferSize();
    }

    /**
     * Queues data frames (one message, or a fragment of one) as an entry of their own.
     *
     * @return false if our Close is already queued; the caller fails the future
     */
    public boolean addData(ByteBuffer frames, CompletableFuture<Void> future) {
        if (closeQueued) {
            return false;
        }
        tail = null;
        data().addLast(frames, future);
        grew(frames.remaining());
        return true;
    }

    /**
     * Makes room for one whole data frame of {@code frameLength} bytes (at most
     * {@link #maxCoalescedFrame()}) after everything queued, in the open tail or a fresh pooled
     * buffer. The caller writes the frame into the returned array from {@link #reservedOffset()},
     * then calls {@link #commit}, or {@link #attachPayload} when only a header was reserved.
     *
     * @return the array to write into, or {@code null} if our Close is already queued
     */
    public byte[] reserve(int frameLength) {
        if (closeQueued) {
            return null;
        }
        if (frameLength > pool.bufferSize()) {
            throw new IllegalArgumentException("frame of " + frameLength + " bytes does not fit a pooled buffer");
        }
        if (tail == null || tail.capacity() - tail.limit() < frameLength) {
            ByteBuffer fresh = pool.acquire();
            fresh.limit(0);
            data().addLast(fresh, null, null, true);
            tail = fresh;
        }
        reservedOffset = tail.arrayOffset() + tail.limit();
        return tail.array();
    }

    /** Where the reserved frame starts in the array {@link #reserve} returned. */
    public int reservedOffset() {
        return reservedOffset;
    }

    /**
     * The reserved frame ({@code frameLength} bytes, as reserved) is written: it joins the queue.
     *
     * @param future completed once the frame was handed to the transport, or {@code null}
     */
    public void commit(int frameLength, CompletableFuture<Void> future) {
        tail.limit(tail.limit() + frameLength);
        if (future != null) {
            data.setLast(null, Completions.plus(data.completionAt(data.size() - 1), future));
        }
        grew(frameLength);
    }

    /**
     * The reserved bytes ({@code headerLength}) are a frame header whose payload is
     * {@code payload}: both join the queue as one unit, the payload written right after the header
     * without being copied (the queue keeps the buffer until it is drained: nobody may change it).
     * The tail closes, since anything queued later goes after the payload.
     */
    public void attachPayload(int headerLength, ByteBuffer payload, CompletableFuture<Void> future) {
        tail.limit(tail.limit() + headerLength);
        data.setLast(payload, Completions.plus(data.completionAt(data.size() - 1), future));
        tail = null;
        grew(headerLength + payload.remaining());
    }

    private void grew(long bytes) {
        dataBytes += bytes;
        if (dataBytes > highWaterBytes) {
            highWaterBytes = dataBytes;
        }
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
        control().addLast(frame, future);
        return true;
    }

    private static int opcode(ByteBuffer frame) {
        return frame.get(frame.position()) & 0x0F;
    }

    private static boolean isAutomaticPong(ByteBuffer frame, Object completion) {
        return completion == null && opcode(frame) == OPCODE_PONG;
    }

    private void dropNewestAutomaticPong() {
        for (int i = control.size() - 1; i >= 0; i--) {
            ByteBuffer frame = control.frameAt(i);
            if (isAutomaticPong(frame, control.completionAt(i))) {
                pendingPongs--;
                pendingPongBytes -= frame.remaining();
                control.removeAt(i);
                return;
            }
        }
    }

    /**
     * Moves entries, in the order they must be written (pings and pongs first, data, then our
     * Close), into {@code frames[0..n)} and returns n (at most {@code max}). An entry with a
     * payload takes two slots (header, then payload), never split across calls. Each slot's
     * {@link Completions} goes to {@code completions} at the same index (at the last slot of its
     * entry; the others get {@code null}). The caller writes the buffers in that order, then calls
     * {@link #releaseWritten()} once the transport no longer reads them.
     *
     * @throws IllegalArgumentException if {@code max} is 1 and the next entry needs two slots
     */
    public int drainTo(ByteBuffer[] frames, Object[] completions, int max) {
        int n = 0;
        while (n < max) {
            // Nothing is queued after the Close, so when it heads the control frames it is their last.
            if (!control.isEmpty() && (data.isEmpty() || opcode(control.frameAt(0)) != OPCODE_CLOSE)) {
                ByteBuffer frame = control.frameAt(0);
                Object completion = control.completionAt(0);
                control.removeFirst();
                if (isAutomaticPong(frame, completion)) {
                    pendingPongs--;
                    pendingPongBytes -= frame.remaining();
                }
                frames[n] = frame;
                completions[n] = completion;
                n++;
            } else if (!data.isEmpty()) {
                ByteBuffer frame = data.frameAt(0);
                ByteBuffer payload = data.payloadAt(0);
                if (payload != null && n + 2 > max) {
                    if (n == 0) {
                        throw new IllegalArgumentException("a header and its payload need two slots");
                    }
                    break;
                }
                Object completion = data.completionAt(0);
                if (data.pooledAt(0)) {
                    if (frame == tail) {
                        tail = null;
                    }
                    if (frame.remaining() == 0 && payload == null) {
                        // An open tail that a refused reservation left empty.
                        data.removeFirst();
                        pool.release(frame);
                        continue;
                    }
                    holdInFlight(frame);
                }
                data.removeFirst();
                dataBytes -= frame.remaining();
                frames[n] = frame;
                if (payload != null) {
                    completions[n] = null;
                    n++;
                    dataBytes -= payload.remaining();
                    frames[n] = payload;
                }
                completions[n] = completion;
                n++;
            } else {
                break;
            }
        }
        return n;
    }

    private void holdInFlight(ByteBuffer buffer) {
        if (inFlight == null) {
            inFlight = new ByteBuffer[2];
        } else if (inFlightCount == inFlight.length) {
            inFlight = java.util.Arrays.copyOf(inFlight, inFlightCount * 2);
        }
        inFlight[inFlightCount++] = buffer;
    }

    /**
     * The transport no longer reads the buffers drained so far (it copied or wrote them): the
     * pooled ones go back to the pool.
     */
    public void releaseWritten() {
        for (int i = 0; i < inFlightCount; i++) {
            pool.release(inFlight[i]);
            inFlight[i] = null;
        }
        inFlightCount = 0;
    }

    /** Whether drained pooled buffers wait for {@link #releaseWritten()}. */
    public boolean holdsWrittenBuffers() {
        return inFlightCount > 0;
    }

    /** Drops every queued data message (slow-consumer close), adding their futures to {@code failed}. */
    public void discardData(List<CompletableFuture<Void>> failed) {
        if (data != NO_ENTRIES) {
            data.clear(failed, pool);
        }
        tail = null;
        dataBytes = 0;
    }

    /**
     * Drops everything and accepts nothing more, adding the futures to {@code failed}. Buffers
     * already handed to the transport are not returned to the pool: a transport torn down in the
     * middle of a write may still read them.
     */
    public void discardAll(List<CompletableFuture<Void>> failed) {
        if (control != NO_ENTRIES) {
            control.clear(failed, null);
        }
        if (data != NO_ENTRIES) {
            data.clear(failed, pool);
        }
        tail = null;
        inFlight = null;
        inFlightCount = 0;
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
