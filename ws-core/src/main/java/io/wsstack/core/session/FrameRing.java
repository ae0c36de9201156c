package io.wsstack.core.session;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * A growable ring of queued frame buffers, each with the future of the send it ends (or
 * {@code null}): two parallel arrays, so queueing a frame allocates nothing once the ring has grown
 * to the session's usual backlog.
 */
final class FrameRing {

    private ByteBuffer[] frames;
    private CompletableFuture<Void>[] futures;
    private int head;
    private int size;

    FrameRing(int initialCapacity) {
        frames = new ByteBuffer[initialCapacity];
        futures = newFutures(initialCapacity);
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<Void>[] newFutures(int n) {
        return (CompletableFuture<Void>[]) new CompletableFuture<?>[n];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void addLast(ByteBuffer frame, CompletableFuture<Void> future) {
        if (size == frames.length) {
            grow();
        }
        int i = (head + size) % frames.length;
        frames[i] = frame;
        futures[i] = future;
        size++;
    }

    /** The {@code index}-th entry from the head (0 is the head). */
    ByteBuffer frameAt(int index) {
        return frames[(head + index) % frames.length];
    }

    CompletableFuture<Void> futureAt(int index) {
        return futures[(head + index) % frames.length];
    }

    /** Removes the head; the caller has read it with {@link #frameAt}/{@link #futureAt}. */
    void removeFirst() {
        frames[head] = null;
        futures[head] = null;
        head = (head + 1) % frames.length;
        size--;
    }

    /** Removes the entry at {@code index} from the head, keeping the order of the others. */
    void removeAt(int index) {
        for (int k = index; k < size - 1; k++) {
            int to = (head + k) % frames.length;
            int from = (head + k + 1) % frames.length;
            frames[to] = frames[from];
            futures[to] = futures[from];
        }
        int last = (head + size - 1) % frames.length;
        frames[last] = null;
        futures[last] = null;
        size--;
    }

    /** Empties the ring, adding the non-null futures to {@code sink} (may be {@code null}). */
    void clear(java.util.List<CompletableFuture<Void>> sink) {
        for (int k = 0; k < size; k++) {
            int i = (head + k) % frames.length;
            if (sink != null && futures[i] != null) {
                sink.add(futures[i]);
            }
            frames[i] = null;
            futures[i] = null;
        }
        head = 0;
        size = 0;
    }

    private void grow() {
        int n = frames.length;
        ByteBuffer[] f = new ByteBuffer[n * 2];
        CompletableFuture<Void>[] c = newFutures(n * 2);
        for (int k = 0; k < size; k++) {
            f[k] = frames[(head + k) % n];
            c[k] = futures[(head + k) % n];
        }
        Arrays.fill(frames, null);
        frames = f;
        futures = c;
        head = 0;
    }
}
