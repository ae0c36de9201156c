package io.wsstack.core.session;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable ring of queued entries, so queueing allocates nothing once the ring has grown to the
 * session's usual backlog. An entry is whole frames: one buffer, or a head buffer and a payload
 * buffer written right after it (a large frame's header and its payload, sent as a gathering write
 * without copying the payload). It carries the {@link Completions} of the sends it ends, and
 * whether its head buffer came from the {@link FrameBufferPool}.
 *
 * <p>An entry's four fields sit side by side in one array (one object per ring, not four), and
 * that array is only allocated by the first entry: most sessions never queue a control frame of
 * their own, and a session that never sends holds no data ring either.
 */
final class FrameRing {

    private static final int HEAD = 0;
    private static final int PAYLOAD = 1;
    private static final int COMPLETION = 2;
    /** {@link Boolean#TRUE} when the head buffer is pooled, else {@code null}. */
    private static final int POOLED = 3;
    private static final int STRIDE = 4;

    private final int initialCapacity;
    /** Entry k (0 is the head) at {@code slots[index(k) * STRIDE ...]}; null until the first entry. */
    private Object[] slots;
    private int head;
    private int size;

    FrameRing(int initialCapacity) {
        this.initialCapacity = Math.max(1, initialCapacity);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    private int capacity() {
        return slots == null ? 0 : slots.length / STRIDE;
    }

    void addLast(ByteBuffer frame, Object completion) {
        addLast(frame, null, completion, false);
    }

    void addLast(ByteBuffer frame, ByteBuffer payload, Object completion, boolean isPooled) {
        if (size == capacity()) {
            grow();
        }
        int i = index(size) * STRIDE;
        slots[i + HEAD] = frame;
        slots[i + PAYLOAD] = payload;
        slots[i + COMPLETION] = completion;
        slots[i + POOLED] = isPooled ? Boolean.TRUE : null;
        size++;
    }

    private int index(int fromHead) {
        int i = head + fromHead;
        int capacity = capacity();
        return i < capacity ? i : i - capacity;
    }

    /** The head buffer of the {@code index}-th entry from the head (0 is the head). */
    ByteBuffer frameAt(int index) {
        return (ByteBuffer) slots[index(index) * STRIDE + HEAD];
    }

    /** The payload written after the head buffer of that entry, or {@code null}. */
    ByteBuffer payloadAt(int index) {
        return (ByteBuffer) slots[index(index) * STRIDE + PAYLOAD];
    }

    Object completionAt(int index) {
        return slots[index(index) * STRIDE + COMPLETION];
    }

    boolean pooledAt(int index) {
        return slots[index(index) * STRIDE + POOLED] != null;
    }

    /** The last entry: its payload, completion and pooled flag may still change while it is open. */
    void setLast(ByteBuffer payload, Object completion) {
        int i = index(size - 1) * STRIDE;
        slots[i + PAYLOAD] = payload;
        slots[i + COMPLETION] = completion;
    }

    /** Removes the head; the caller has read it. */
    void removeFirst() {
        Arrays.fill(slots, head * STRIDE, head * STRIDE + STRIDE, null);
        head = index(1);
        size--;
    }

    /** Removes the entry at {@code index} from the head, keeping the order of the others. */
    void removeAt(int index) {
        for (int k = index; k < size - 1; k++) {
            System.arraycopy(slots, index(k + 1) * STRIDE, slots, index(k) * STRIDE, STRIDE);
        }
        int last = index(size - 1) * STRIDE;
        Arrays.fill(slots, last, last + STRIDE, null);
        size--;
    }

    /**
     * Empties the ring: completions go to {@code sink} (when not null), pooled head buffers back
     * to {@code pool} (when not null; they were never handed to a transport).
     */
    void clear(java.util.List<java.util.concurrent.CompletableFuture<Void>> sink, FrameBufferPool pool) {
        for (int k = 0; k < size; k++) {
            int i = index(k) * STRIDE;
            if (sink != null) {
                Completions.addTo(slots[i + COMPLETION], sink);
            }
            if (pool != null && slots[i + POOLED] != null) {
                pool.release((ByteBuffer) slots[i + HEAD]);
            }
            Arrays.fill(slots, i, i + STRIDE, null);
        }
        head = 0;
        size = 0;
    }

    private void grow() {
        int n = capacity();
        if (n == 0) {
            slots = new Object[initialCapacity * STRIDE];
            head = 0;
            return;
        }
        Object[] grown = new Object[n * 2 * STRIDE];
        for (int k = 0; k < size; k++) {
            System.arraycopy(slots, index(k) * STRIDE, grown, k * STRIDE, STRIDE);
        }
        slots = grown;
        head = 0;
    }
}
