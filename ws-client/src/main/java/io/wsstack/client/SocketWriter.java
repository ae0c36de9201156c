package io.wsstack.client;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The writer thread of one session: takes what the {@link WriterQueue} holds, in batches, writes it
 * with blocking writes, flushes once per batch, then completes the sends' futures. It stops after
 * writing the Close frame (nothing may follow it, RFC 6455 §5.5.1), when the queue is closed, or on
 * the first write error, which it reports and which fails the futures of the batch.
 */
final class SocketWriter implements Runnable {

    private static final int BUFFER = 64 * 1024;
    private static final int BATCH = 64;

    private final WriterQueue queue;
    private final OutputStream out;
    private final Consumer<IOException> onFailure;
    private final ByteBuffer[] batch = new ByteBuffer[BATCH];
    private final CompletableFuture<?>[] futures = new CompletableFuture<?>[BATCH];

    SocketWriter(WriterQueue queue, OutputStream out, Consumer<IOException> onFailure) {
        this.queue = queue;
        this.out = new BufferedOutputStream(out, BUFFER);
        this.onFailure = onFailure;
    }

    @Override
    public void run() {
        int n = 0;
        try {
            boolean closeWritten = false;
            while (!closeWritten && (n = queue.take(batch, futures)) > 0) {
                closeWritten = writeBatch(n);
                n = 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            for (int i = 0; i < n; i++) {
                if (futures[i] != null) {
                    futures[i].completeExceptionally(e);
                }
            }
            onFailure.accept(e);
        }
    }

    /** Writes the batch up to and including a Close frame; returns whether it held one. */
    private boolean writeBatch(int n) throws IOException {
        int written = 0;
        long dataBytes = 0;
        boolean close = false;
        for (int i = 0; i < n; i++) {
            ByteBuffer frames = batch[i];
            int opcode = frames.get(frames.position()) & 0x0F;
            if ((opcode & 0x08) == 0) {
                dataBytes += frames.remaining();
            }
            write(frames);
            written++;
            if (opcode == 0x8) {
                close = true;
                break;
            }
        }
        out.flush();
        queue.written(dataBytes);
        for (int i = 0; i < written; i++) {
            if (futures[i] != null) {
                futures[i].complete(null);
            }
        }
        Arrays.fill(batch, 0, n, null);
        Arrays.fill(futures, 0, n, null);
        return close;
    }

    private void write(ByteBuffer frames) throws IOException {
        if (frames.hasArray()) {
            out.write(frames.array(), frames.arrayOffset() + frames.position(), frames.remaining());
        } else {
            byte[] copy = new byte[frames.remaining()];
            frames.duplicate().get(copy);
            out.write(copy);
        }
    }
}
