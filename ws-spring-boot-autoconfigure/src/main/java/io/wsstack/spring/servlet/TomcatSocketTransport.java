package io.wsstack.spring.servlet;

import io.wsstack.core.session.BufferPool;
import io.wsstack.spring.transport.BoundedLane;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A WebSocket session's byte pipe on a socket taken over from Tomcat after the 101 (see
 * {@link TomcatSocketAccess}), served by one of our {@link SocketLoop}s instead of Tomcat's poller
 * and worker threads. It is the session's {@link FrameTransport}: the same session, engine, queue,
 * timers and observers run above it as above the servlet streams.
 *
 * <p><b>Reading</b> happens on the loop: on a read event, bytes are read into a buffer borrowed from
 * the {@link BufferPool#shared() shared pool} for that batch and decoded at once, so an idle
 * session holds no read buffer. What the batch's handlers answered is flushed once at its end.
 * Where the handlers run depends on the endpoint:
 * <ul>
 *   <li><em>dispatched</em> (the default): each decoded event's handler call goes to this session's
 *       {@link #handlerLane() lane}, a {@link BoundedLane} whose runs a {@link LoopFirstExecutor}
 *       places: on the loop after its pass while the endpoint's handlers answer quickly, else on
 *       the shared handler threads, so a handler that blocks stalls the other sockets of the loop
 *       for a few milliseconds once, not for as long as it blocks. The lane is bounded
 *       ({@value BoundedLane#MAX_CALLS} calls or {@value BoundedLane#MAX_BYTES} payload bytes): when it is full,
 *       decoding stops, the undecoded rest is kept and read interest is dropped, so TCP pushes back
 *       on a sender whose handler falls behind; once the lane has drained to half, the kept bytes
 *       are decoded and reading goes on;</li>
 *   <li><em>on the loop</em> (opt-in, for handlers that never block): right after each event is
 *       decoded; no more bytes are read while one runs.</li>
 * </ul>
 *
 * <p><b>Writing</b> goes straight to the socket, without blocking, from whichever thread flushes
 * (the session's writer allows one at a time): one gathering write of up to {@value #MAX_GATHER}
 * buffers. What the socket does not take stays pending and the transport is "not ready" until the
 * loop, woken by write readiness, has written it; then the writer hears {@code onWritePossible}.
 * A lane run's sends are flushed once, at the run's end ({@link #deferFlush()}).
 *
 * <p><b>Closing</b> runs on the loop: the key is cancelled and the socket closed through Tomcat's
 * wrapper, which releases Tomcat's books for it (connection count, connection map, the upgrade
 * processor, whose {@code destroy} then finds the session already ended).
 */
final class TomcatSocketTransport implements FrameTransport, BoundedLane.Owner, SocketLoop.Ready {

    private static final Log log = LogFactory.getLog(TomcatSocketTransport.class);

    private static final int MAX_GATHER = 16;
    /** Reads per read event at most, so that one busy socket cannot starve the others of its loop. */
    private static final int MAX_READS_PER_EVENT = 16;
    private static final AtomicIntegerFieldUpdater<TomcatSocketTransport> FLAGS =
            AtomicIntegerFieldUpdater.newUpdater(TomcatSocketTransport.class, "flags");
    private static final int CLOSED = 1;
    private static final int END_REPORTED = 2;

    private final SocketChannel channel;
    private final SocketLoop loop;
    private final Runnable tomcatClose;
    /** The session's handler lane, or {@code null} when handlers run on the loop. */
    private final BoundedLane lane;
    /** Bytes read before the takeover, then bytes left undecoded while the lane is full; loop thread only. */
    private ByteBuffer held;
    private SelectionKey key;
    private volatile Reader reader;
    private Writer writer;
    /** {@link #CLOSED}, {@link #END_REPORTED}. */
    private volatile int flags;
    /** A write left bytes the socket did not take: they wait in {@link #pending} for write readiness. */
    private volatile boolean writing;
    /** The buffers of the unfinished write, [pendingStart, pendingEnd); made at the first one (most sessions never need it). */
    private ByteBuffer[] pending;
    private int pendingStart;
    private int pendingEnd;
    /** The thread running a lane batch, whose sends are flushed once at its end. */
    private volatile Thread batchThread;
    /** The lane batch deferred a flush; batch thread only. */
    private boolean flushOwed;

    /**
     * @param handlers where the session's handler lane runs ({@link LoopFirstExecutor}), or
     *                 {@code null} when its handlers run on the loop as events are decoded
     */
    TomcatSocketTransport(TomcatSocketAccess.Taken taken, SocketLoop loop, Executor handlers) {
        this.channel = taken.channel();
        this.held = taken.early();
        this.tomcatClose = taken.close();
        this.loop = loop;
        this.lane = handlers == null ? null : new BoundedLane(handlers, this);
    }

    private boolean setFlag(int flag) {
        int current;
        do {
            current = flags;
            if ((current & flag) != 0) {
                return false;
            }
        } while (!FLAGS.compareAndSet(this, current, current | flag));
        return true;
    }

    private boolean isClosed() {
        return (flags & CLOSED) != 0;
    }

    /**
     * Bytes are kept back (they came with the request, or the reader left them because the lane is
     * full): they are decoded first, and nothing more is read meanwhile. Loop only.
     */
    private boolean readPaused() {
        return held != null;
    }

    /**
     * Runs {@code task} in the session's order: on a dispatched session, on its lane behind every
     * call queued before it; on the loop endpoints' sessions, at once on the caller's thread. The
     * upgrade opens a dispatched session this way, so that a blocking {@code onOpen} holds a lane
     * thread rather than Tomcat's request thread, and reports Tomcat's {@code destroy} this way,
     * so that {@code onClose} can never overtake {@code onOpen}. Reading starts at the end of the
     * open, so no message can overtake it either.
     */
    void runInSessionOrder(Runnable task) {
        if (lane != null) {
            lane.execute(task);
        } else {
            task.run();
        }
    }

    // ---- reading -------------------------------------------------------------------------------

    @Override
    public HandlerLane handlerLane() {
        return lane;
    }

    @Override
    public void startReading(Reader reader) {
        this.reader = reader;
        loop.execute(this::register);
    }

    /** Registers with the loop's selector, then decodes what came with the request and reads on; loop only. */
    private void register() {
        if (isClosed()) {
            return;
        }
        try {
            key = channel.register(loop.selector(), 0, this);
        } catch (ClosedChannelException e) {
            reportEnd(null);
            return;
        } catch (RuntimeException e) {
            reportEnd(e);
            return;
        }
        if (decodeHeld()) {
            readNow();
        }
    }

    @Override
    public void ready(int readyOps) {
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            writePending();
        }
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            readNow();
        }
    }

    @Override
    public void loopStopped() {
        reportEnd(null);
    }

    /** Reads and decodes while the socket has bytes (a bounded number of reads), then waits for more; loop only. */
    private void readNow() {
        Reader current = reader;
        if (readPaused() || isClosed() || current == null || !current.wantsInput()) {
            return;
        }
        BufferPool pool = BufferPool.shared();
        ByteBuffer buffer = pool.borrow();
        boolean more = false;
        try {
            for (int reads = 0; reads < MAX_READS_PER_EVENT; reads++) {
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    interest(0);
                    reportEnd(null);
                    return;
                }
                if (n == 0) {
                    break;
                }
                buffer.flip();
                current.receive(buffer);
                if (buffer.hasRemaining()) {
                    // The reader stopped (the lane is full): keep the rest (the pooled buffer goes back) and stop reading.
                    held = ByteBuffer.allocate(buffer.remaining()).put(buffer).flip();
                    pauseReading();
                    return;
                }
                if (!current.wantsInput()) {
                    return;
                }
                if (n < buffer.capacity()) {
                    break;
                }
                more = reads == MAX_READS_PER_EVENT - 1;
            }
        } catch (IOException | RuntimeException e) {
            if (!isClosed()) {
                reportEnd(e);
            }
            return;
        } finally {
            pool.giveBack(buffer);
        }
        interest(SelectionKey.OP_READ | (writing ? SelectionKey.OP_WRITE : 0));
        if (more) {
            // The socket may hold more: give the loop's other sockets their turn, then come back.
            loop.execute(this::readNow);
        }
    }

    /** Decodes the bytes held back; false when the lane filled up again (they stay held). Loop only. */
    private boolean decodeHeld() {
        ByteBuffer bytes = held;
        Reader current = reader;
        if (bytes == null || current == null) {
            return true;
        }
        if (current.wantsInput()) {
            current.receive(bytes);
        }
        if (bytes.hasRemaining() && current.wantsInput()) {
            pauseReading();
            return false;
        }
        held = null;
        return true;
    }

    private void interest(int ops) {
        SelectionKey k = key;
        if (k != null && k.isValid() && k.interestOps() != ops) {
            k.interestOps(ops);
        }
    }

    /** Tells the session, once and after every event queued before it, that the connection is gone. */
    private void reportEnd(Throwable cause) {
        Reader current = reader;
        if (current == null || isClosed() || !setFlag(END_REPORTED)) {
            return;
        }
        Runnable end = cause == null ? current::inputEnded : () -> current.readFailed(cause);
        if (lane != null) {
            lane.execute(end);
        } else {
            end.run();
        }
    }

    // ---- the lane (dispatched mode) --------------------------------------------------------------

    /**
     * The reader left bytes (now {@link #held}): no read interest until they can be decoded, once
     * the lane has drained to half. Without a lane the reader leaves bytes only when the session no
     * longer takes input; they are offered again on the loop's next turn. Loop only.
     */
    private void pauseReading() {
        interest(writing ? SelectionKey.OP_WRITE : 0);
        if (lane != null) {
            lane.pause();
        } else {
            loop.execute(this::resumeReading);
        }
    }

    @Override
    public void executeOnReadThread(Runnable task) {
        loop.execute(task);
    }

    /** Decodes the kept bytes and reads on, once the lane has room again (see {@link #pauseReading()}); loop only. */
    @Override
    public void resumeReading() {
        if (isClosed()) {
            return;
        }
        if (decodeHeld()) {
            readNow();
        }
    }

    @Override
    public void batchStarted() {
        batchThread = Thread.currentThread();
        flushOwed = false;
        Reader current = reader;
        if (current != null) {
            current.laneBatchStarted();
        }
    }

    @Override
    public void batchEnded() {
        batchThread = null;
        Reader currentReader = reader;
        if (currentReader != null) {
            currentReader.laneBatchEnded();
        }
        if (flushOwed) {
            flushOwed = false;
            Writer current = writer;
            if (current != null && !writing) {
                current.onWritePossible();
            }
        }
    }

    // ---- writing -------------------------------------------------------------------------------

    @Override
    public void startWriting(Writer writer) {
        this.writer = writer;
    }

    /**
     * A lane run's sends are flushed once, at the run's end: many handler calls of one run (the
     * replies to a pipelined burst) then cost one system call.
     */
    @Override
    public boolean deferFlush() {
        if (Thread.currentThread() == batchThread) {
            flushOwed = true;
            return true;
        }
        return false;
    }

    @Override
    public boolean isWriteReady() {
        return !writing;
    }

    @Override
    public int maxBuffersPerWrite() {
        return MAX_GATHER;
    }

    /** Once ready again, the socket took every byte: written buffers are free. */
    @Override
    public boolean buffersFreeWhenReady() {
        return true;
    }

    @Override
    public void write(ByteBuffer[] frames, int count) throws IOException {
        if (isClosed()) {
            throw new ClosedChannelException();
        }
        channel.write(frames, 0, count);
        int first = 0;
        while (first < count && !frames[first].hasRemaining()) {
            first++;
        }
        if (first == count) {
            return;
        }
        // The socket's send buffer is full: keep the rest and let the loop finish it on write readiness.
        if (pending == null) {
            pending = new ByteBuffer[MAX_GATHER];
        }
        System.arraycopy(frames, first, pending, 0, count - first);
        pendingStart = 0;
        pendingEnd = count - first;
        writing = true;
        loop.execute(this::awaitWritable);
    }

    private void awaitWritable() {
        if (writing && !isClosed()) {
            interest((readPaused() || reader == null ? 0 : SelectionKey.OP_READ) | SelectionKey.OP_WRITE);
        }
    }

    /** Writes what is pending; when done, tells the writer it may go on. Loop only. */
    private void writePending() {
        if (!writing) {
            interest(readPaused() ? 0 : SelectionKey.OP_READ);
            return;
        }
        try {
            channel.write(pending, pendingStart, pendingEnd - pendingStart);
        } catch (IOException | RuntimeException e) {
            clearPending();
            writing = false;
            writer.onWriteFailed(e);
            return;
        }
        while (pendingStart < pendingEnd && !pending[pendingStart].hasRemaining()) {
            pending[pendingStart++] = null;
        }
        if (pendingStart < pendingEnd) {
            return; // still full: stay interested in write readiness
        }
        clearPending();
        interest(readPaused() ? 0 : SelectionKey.OP_READ);
        writing = false;
        writer.onWritePossible();
    }

    private void clearPending() {
        if (pending != null) {
            Arrays.fill(pending, null);
        }
        pendingStart = 0;
        pendingEnd = 0;
    }

    /** Every write goes straight to the socket: nothing is held back. */
    @Override
    public void flush() {
    }

    @Override
    public void close() {
        if (!setFlag(CLOSED)) {
            return;
        }
        if (loop.inLoop()) {
            closeNow();
        } else {
            loop.execute(this::closeNow);
        }
    }

    /**
     * Cancels our key and closes through Tomcat's wrapper, which closes the channel and releases
     * Tomcat's books; on the loop, so that its next select deregisters the key and the socket is
     * really closed at once, not at the loop's next wake-up.
     */
    private void closeNow() {
        SelectionKey k = key;
        if (k != null) {
            k.cancel();
        }
        held = null;
        if (writing) {
            clearPending();
        }
        try {
            tomcatClose.run();
        } catch (RuntimeException e) {
            log.debug("Closing a taken-over Tomcat socket failed", e);
            try {
                channel.close();
            } catch (IOException ignored) {
                // the socket is gone either way
            }
        }
    }
}
