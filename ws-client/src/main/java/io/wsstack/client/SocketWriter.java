package io.wsstack.client;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The writer thread of one session: takes whatever the {@link OutboundQueue} holds, writes it with
 * blocking writes, flushes once per batch, then completes the sends' futures. It stops after writing
 * the Close frame (nothing may follow it, RFC 6455 §5.5.1), when the queue is closed, or on the
 * first write error, which it reports and which fails the futures of the batch.
 */
final class SocketWriter implements Runnable {

    private static final int BUFFER = 64 * 1024;

    private final OutboundQueue queue;
    private final OutputStream out;
    private final Consumer<IOException> onFailure;

    SocketWriter(OutboundQueue queue, OutputStream out, Consumer<IOException> onFailure) {
        this.queue = queue;
        this.out = new BufferedOutputStream(out, BUFFER);
        this.onFailure = onFailure;
    }

    @Override
    public void run() {
        List<OutboundQueue.Entry> batch = new ArrayList<>();
        try {
            boolean closeWritten = false;
            while (!closeWritten && queue.takeAll(batch)) {
                closeWritten = writeBatch(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            for (OutboundQueue.Entry entry : batch) {
                if (entry.done() != null) {
                    entry.done().completeExceptionally(e);
                }
            }
            onFailure.accept(e);
        }
    }

    /** Writes the batch up to and including a Close frame; returns whether it held one. */
    private boolean writeBatch(List<OutboundQueue.Entry> batch) throws IOException {
        int written = 0;
        boolean close = false;
        for (OutboundQueue.Entry entry : batch) {
            write(entry.frames());
            written++;
            if (entry.close()) {
                close = true;
                break;
            }
        }
        out.flush();
        for (int i = 0; i < written; i++) {
            OutboundQueue.Entry entry = batch.get(i);
            queue.written(entry);
            if (entry.done() != null) {
                entry.done().complete(null);
            }
        }
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
