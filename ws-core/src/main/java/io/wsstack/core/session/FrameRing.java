package io.wsstack.core.session;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable ring of queued entries in parallel arrays, so queueing allocates nothing once the
 * ring has grown to the session's usual backlog. An entry is whole frames: one buffer, or a head
 * buffer and a payload buffer written right after it (a large frame's header and its payload, sent
 * as a gathering write without copying the payload). It carries the {@link Completions} of the
 * sends it ends, and whether its head buffer came from the {@link FrameBufferPool}.
 */
final class FrameRing {

    private ByteBuffer[] heads;
    private ByteBuffer[] payloads;
    private Object[] completions;
    private boolean[] pooled;
    private int head;
    private int size;

    FrameRing(int initialCapacity) {
        heads = new ByteBuffer[initialCapacity];
        payloads = new ByteBuffer[initialCapacity];
        completions = new Object[initialCapacity];
        pooled = new boolean[initialCapacity];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void addLast(ByteBuffer frame, Object completion) {
        addLast(frame, null, completion, false);
    }

    void addLast(ByteBuffer frame, ByteBuffer payload, Object completion, boolean isPooled) {
        if (size == heads.length) {
            grow();
        }
        int i = index(size);
        heads[i] = frame;
        payloads[i] = payload;
        completions[i] = completion;
        pooled[i] = isPooled;
        size++;
    }

    private int index(int fromHead) {
        int i = head + fromHead;
        return i < heads.length ? i : i - heads.length;
    }

    /** The head buffer of the {@code index}-th entry from the head (0 is the head). */
    ByteBuffer frameAt(int index) {
        return heads[index(index)];
    }

    /** The payload written after the head buffer of that entry, or {@code null}. */
    ByteBuffer payloadAt(int index) {
        return payloads[index(index)];
    }

    Object completionAt(int index) {
        return completions[index(index)];
    }

    boolean pooledAt(int index) {
        return pooled[index(index)];
    }

    /** The last entry: its payload, completion and pooled flag may still change while it is open. */
    void setLast(ByteBuffer payload, Object completion) {
        int i = index(size - 1);
        payloads[i] = payload;
        completions[i] = completion;
    }

    /** Removes the head; the caller has read it. */
    void removeFirst() {
        heads[head] = null;
        payloads[head] = null;
        completions[head] = null;
        pooled[head] = false;
        head = index(1);
        size--;
    }

    /** Removes the entry at {@code index} from the head, keeping the order of the others. */
    void removeAt(int index) {
        for (int k = index; k < size - 1; k++) {
            int to = index(k);
            int from = index(k + 1);
            heads[to] = heads[from];
            payloads[to] = payloads[from];
            completions[to] = completions[from];
            pooled[to] = pooled[from];
        }
        int last = index(size - 1);
        heads[last] = null;
        payloads[last] = null;
        completions[last] = null;
        pooled[last] = false;
        size--;
    }

    /**
     * Empties the ring: completions go to {@code sink} (when not null), pooled head buffers back
     * to {@code pool} (when not null; they were never handed to a transport).
     */
    void clear(java.util.List<java.util.concurrent.CompletableFuture<Void>> sink, FrameBufferPool pool) {
        for (int k = 0; k < size; k++) {
            int i = index(k);
            if (sink != null) {
                Completions.addTo(completions[i], sink);
            }
            if (pool != null && pooled[i]) {
                pool.release(heads[i]);
            }
            heads[i] = null;
            payloads[i] = null;
            completions[i] = null;
            pooled[i] = false;
        }
        head = 0;
        size = 0;
    }

    private void grow() {
        int n = heads.length;
        ByteBuffer[] h = new ByteBuffer[n * 2];
        ByteBuffer[] p = new ByteBuffer[n * 2];
        Object[] c = new Object[n * 2];
        boolean[] f = new boolean[n * 2];
        for (int k = 0; k < size; k++) {
            int i = index(k);
            h[k] = heads[i];
            p[k] = payloads[i];
            c[k] = completions[i];
            f[k] = pooled[i];
        }
        Arrays.fill(heads, null);
        heads = h;
        payloads = p;
        completions = c;
        pooled = f;
        head = 0;
    }
}
