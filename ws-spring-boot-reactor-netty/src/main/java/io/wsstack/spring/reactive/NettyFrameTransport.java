package io.wsstack.spring.reactive;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.wsstack.spring.servlet.FrameTransport;
import io.wsstack.spring.transport.BoundedLane;
import io.wsstack.spring.transport.HandlerDispatcher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * A WebSocket session's byte pipe on a Netty channel taken over from Reactor Netty after the 101
 * (see {@link ReactorNettyUpgrade}). It is the session's {@link FrameTransport}: the same session,
 * engine, queue, timers and observers run above it as above the servlet containers.
 *
 * <p><b>Reading</b> happens on the event loop, in every mode: each {@code ByteBuf} Netty reads
 * (pooled, one per read) is decoded by the session's engine in {@code channelRead} and released at
 * once, so an idle session holds no read buffer. Auto-read is off; the next read is asked for in
 * {@code channelReadComplete}. Where the handlers run depends on the endpoint:
 * <ul>
 *   <li><em>on the event loop</em> (opt-in, for handlers that never block): right after each event
 *       is decoded, inside {@code channelRead};</li>
 *   <li><em>dispatched</em> (the default): the engine decodes on the loop and each event's handler
 *       call goes to this session's {@link #handlerLane() lane}, a {@link BoundedLane} on the
 *       shared {@link HandlerDispatcher}, which runs them off the loop in wire order. The lane is
 *       bounded ({@value BoundedLane#MAX_CALLS} calls or {@value BoundedLane#MAX_BYTES} payload bytes): when
 *       it is full, decoding stops, the rest of the buffer is kept, and no more reads are asked
 *       for, so TCP pushes back on a sender whose handler falls behind; once the lane has drained
 *       to half, the kept bytes are decoded and reading goes on.</li>
 * </ul>
 *
 * <p><b>Writing.</b> Frames may be sent from any thread, in the order the session encoded them
 * (which permessage-deflate with context takeover depends on). A thread other than the loop never
 * writes to the pipeline directly: it hands its frames over and the loop moves them to the channel,
 * so frames from different threads cannot overtake each other; the loop's own frames go straight
 * to the channel when nothing handed over is waiting. What is written during a
 * read batch on the loop is flushed once at its end; what a lane run writes is handed to the loop
 * once, at the run's end. The transport is "ready" while the channel is writable (Netty's
 * high-water mark) and less than {@value #MAX_PENDING_BYTES} bytes wait for the loop. On a native
 * (epoll) socket with nothing in front of this handler, what the loop writes goes out through
 * {@link LoopSocketSend}: one {@code send} per read batch from the loop's scratch buffer, past
 * Netty's outbound path, whenever Netty holds no outbound bytes of the connection.
 */
final class NettyFrameTransport extends ChannelDuplexHandler
        implements FrameTransport, BoundedLane.Owner {

    private static final Log log = LogFactory.getLog(NettyFrameTransport.class);

    /** This handler's name in the channel pipeline. */
    static final String HANDLER_NAME = "wsstack.frames";

    private static final int MAX_GATHER = 16;
    /**
     * Handed-over buffers up to this size are copied into the loop's scratch and sent with the
     * others; a larger one goes through Netty's path, which writes it without a copy.
     */
    private static final int MAX_SCRATCH_COPY = 8 * 1024;
    /** Bytes handed over by other threads and not yet moved to Netty's outbound buffer. */
    private static final long MAX_PENDING_BYTES = 64 * 1024;

    private final Channel channel;
    /** The channel is a native socket, which the loop may send to directly ({@link LoopSocketSend}). */
    private final boolean nativeSocket;
    /** How long a close waits for frames still in Netty's buffer to reach a peer that does not read. */
    private final long closeLingerMillis;
    /** The session's handler lane, or {@code null} when handlers run on the event loop. */
    private final BoundedLane dispatch;
    /**
     * Buffers other threads handed over, newest first (a lock-free stack the loop takes whole and
     * reverses): an idle session pays one field for it, where a concurrent queue would cost two
     * objects of about 50 bytes together.
     */
    private volatile PendingWrite pending;
    private static final AtomicReferenceFieldUpdater<NettyFrameTransport, PendingWrite> PENDING =
            AtomicReferenceFieldUpdater.newUpdater(NettyFrameTransport.class, PendingWrite.class, "pending");
    // Counters and flags as volatile fields with static updaters rather than Atomic* objects: every
    // idle session carries them, and the objects' headers alone would add about 150 bytes to each.
    private static final AtomicLongFieldUpdater<NettyFrameTransport> PENDING_BYTES =
            AtomicLongFieldUpdater.newUpdater(NettyFrameTransport.class, "pendingBytes");
    private static final AtomicIntegerFieldUpdater<NettyFrameTransport> FLAGS =
            AtomicIntegerFieldUpdater.newUpdater(NettyFrameTransport.class, "flags");
    private static final int DRAIN_SCHEDULED = 1;
    private static final int END_REPORTED = 2;

    /** Bytes handed over by other threads and not yet moved to Netty's buffer. */
    private volatile long pendingBytes;
    /** {@link #DRAIN_SCHEDULED}, {@link #END_REPORTED}. */
    private volatile int flags;
    private final Runnable drainTask = this::drainAndFlush;
    /**
     * Bytes read but not yet decoded: before the session started reading, or while the lane is
     * full; created when first needed, since most sessions never need it. Event loop only.
     */
    private ArrayDeque<ByteBuf> held;
    private ChannelHandlerContext ctx;
    private volatile Reader reader;
    private volatile Writer writer;
    /** The writer was told "not ready" and waits for {@link Writer#onWritePossible()}. */
    private volatile boolean writerWaiting;
    private volatile boolean closedBySession;
    /** Inside a read batch (or a resumed decode) on the loop, whose writes are flushed at its end; event loop only. */
    private boolean inReadBatch;
    /** A flush was asked for during the read batch; event loop only. */
    private boolean flushNeeded;
    /** Bytes were written to Netty's buffer and not flushed since; event loop only. */
    private boolean unflushed;
    /** The thread running a dispatch batch, whose writes are flushed at its end. */
    private volatile Thread batchThread;
    /** The dispatch batch wrote something; batch thread only. */
    private boolean batchWrote;

    NettyFrameTransport(Channel channel, HandlerDispatcher dispatcher, Duration closeLinger) {
        this.channel = channel;
        this.nativeSocket = LoopSocketSend.nativeSocket(channel);
        this.dispatch = dispatcher == null ? null : new BoundedLane(dispatcher, this);
        this.closeLingerMillis = Math.max(1, closeLinger.toMillis());
    }

    /** Runs {@code task} where this session's handlers run: the dispatch queue, or the event loop. */
    void runInSessionOrder(Runnable task) {
        if (dispatch != null) {
            dispatch.execute(task);
        } else if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Bytes that arrived before the takeover (in the request's packet); decoded once the session reads. Event loop only. */
    void holdEarly(ByteBuf bytes) {
        held().add(bytes);
    }

    private ArrayDeque<ByteBuf> held() {
        if (held == null) {
            held = new ArrayDeque<>(4);
        }
        return held;
    }

    /** Decoding stopped because the lane is full. */
    private boolean readPaused() {
        return dispatch != null && dispatch.isPaused();
    }

    private boolean nothingHeld() {
        return held == null || held.isEmpty();
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

    private void clearFlag(int flag) {
        int current;
        do {
            current = flags;
        } while ((current & flag) != 0 && !FLAGS.compareAndSet(this, current, current & ~flag));
    }

    // ---- reading -------------------------------------------------------------------------------

    @Override
    public HandlerLane handlerLane() {
        return dispatch;
    }

    @Override
    public void startReading(Reader reader) {
        this.reader = reader;
        channel.eventLoop().execute(() -> {
            inReadBatch = true;
            decodeHeld();
            endReadBatch();
            if (!channel.isActive()) {
                // The connection ended (a reset right after the 101) before the session started
                // reading: channelInactive found no reader to tell, so the end is reported here, after
                // the events of the bytes that came before it; once only (END_REPORTED).
                reportEnd(null);
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buffer)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (reader == null || readPaused()) {
            held().add(buffer);
            return;
        }
        inReadBatch = true;
        if (nothingHeld()) {
            decode(buffer);
        } else {
            // Bytes from before are still waiting for their turn (the session just started reading).
            held.add(buffer);
            decodeHeld();
        }
    }

    /**
     * Lets the session decode {@code buffer} on the loop, then releases it; keeps what is left when
     * the lane filled up. The engine unmasks in place, so the buffer's own memory is used (no copy).
     *
     * @return false when bytes were kept (reading paused)
     */
    private boolean decode(ByteBuf buffer) {
        boolean keep = false;
        try {
            Reader current = reader;
            if (!current.wantsInput()) {
                return true;
            }
            int readable = buffer.readableBytes();
            // A view of its own (one small object per read), not the cached internalNioBuffer: that one
            // is shared by every buffer Netty's adaptive allocator carves from the same chunk.
            ByteBuffer view = buffer.nioBuffer();
            int start = view.position();
            current.receive(view);
            int used = view.position() - start;
            if (used < readable) {
                buffer.skipBytes(used);
                held().addFirst(buffer);
                keep = true;
                pauseReading();
            }
        } finally {
            if (!keep) {
                buffer.release();
            }
        }
        return !keep;
    }

    /** Decodes the bytes kept back, as long as the lane has room; event loop only. */
    private void decodeHeld() {
        ByteBuf buffer;
        while (!readPaused() && reader != null && held != null && (buffer = held.poll()) != null) {
            if (!decode(buffer)) {
                return;
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (reader == null) {
            return;
        }
        endReadBatch();
    }

    /** Flushes what the batch wrote, once, and asks for the next read unless the lane is full. */
    private void endReadBatch() {
        inReadBatch = false;
        if (flushNeeded) {
            flushNeeded = false;
            flushOnLoop();
        }
        if (!readPaused() && nothingHeld()) {
            requestMore();
        }
    }

    private void requestMore() {
        Reader current = reader;
        if (current != null && current.wantsInput() && channel.isActive()) {
            // From this handler's context: the request passes only the handlers in front of ours (TLS) to the socket.
            ctx.read();
        }
    }

    /**
     * Swallows read requests from behind this handler (Reactor Netty's operations turn auto-read
     * back on when they finish an exchange): only the session decides when more bytes are read,
     * which is what makes a slow handler push back through TCP.
     */
    @Override
    public void read(ChannelHandlerContext ctx) {
    }

    // ---- the lane (dispatched mode) --------------------------------------------------------------

    /**
     * The reader left bytes (now held): no read request until they can be decoded, once the lane
     * has drained to half. Without a lane the reader leaves bytes only when the session no longer
     * takes input; they are offered again on the loop's next turn. Event loop only.
     */
    private void pauseReading() {
        if (dispatch != null) {
            dispatch.pause();
        } else {
            channel.eventLoop().execute(this::resumeReading);
        }
    }

    @Override
    public void executeOnReadThread(Runnable task) {
        channel.eventLoop().execute(task);
    }

    /** Decodes the kept bytes and reads on, once the lane has room again (see {@link #pauseReading()}); event loop only. */
    @Override
    public void resumeReading() {
        inReadBatch = true;
        decodeHeld();
        endReadBatch();
    }

    @Override
    public void batchStarted() {
        batchThread = Thread.currentThread();
        batchWrote = false;
        Reader current = reader;
        if (current != null) {
            current.laneBatchStarted();
        }
    }

    @Override
    public void batchEnded() {
        batchThread = null;
        Reader current = reader;
        if (current != null) {
            current.laneBatchEnded();
        }
        if (batchWrote) {
            batchWrote = false;
            scheduleDrain();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releasePending();
        reportEnd(null);
        // Reactor Netty disposes the request's operations (and WebFlux's exchange) on this event.
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (log.isDebugEnabled()) {
            log.debug("WebSocket connection " + channel + " failed", cause);
        }
        reportEnd(cause);
        ctx.close();
    }

    /** Tells the session, once and after every event decoded before it, that the connection is gone. */
    private void reportEnd(Throwable cause) {
        Reader current = reader;
        if (closedBySession || current == null || !setFlag(END_REPORTED)) {
            return;
        }
        runInSessionOrder(cause == null ? current::inputEnded : () -> current.readFailed(cause));
    }

    // ---- writing -------------------------------------------------------------------------------

    @Override
    public void startWriting(Writer writer) {
        this.writer = writer;
    }

    @Override
    public boolean isWriteReady() {
        if (!channel.isWritable() && channel.eventLoop().inEventLoop() && unflushed) {
            // Netty's buffer filled up with bytes not flushed yet (during a read batch, or a write that
            // has not reached its flush): push them to the socket now. Otherwise "not ready" would wait
            // for a writability change that only a flush can bring.
            flushNeeded = false;
            unflushed = false;
            ctx.flush();
        }
        boolean ready = channel.isWritable() && pendingBytes < MAX_PENDING_BYTES;
        if (!ready) {
            writerWaiting = true;
            if (Thread.currentThread() == batchThread && batchWrote) {
                // A dispatch batch that writes a lot: hand its bytes to the loop now rather than at its end.
                batchWrote = false;
                scheduleDrain();
            }
        }
        return ready;
    }

    @Override
    public int maxBuffersPerWrite() {
        return MAX_GATHER;
    }

    /**
     * The session's buffers are copied in {@link #write}, so they are free when it returns: the
     * session then coalesces small frames into pooled buffers instead of allocating per message.
     */
    @Override
    public boolean buffersFreeWhenReady() {
        return true;
    }

    @Override
    public void write(ByteBuffer[] frames, int count) {
        // One copy into direct memory: the loop's scratch (LoopSocketSend) when the loop writes and
        // may send directly, else a pooled direct buffer. The socket needs direct memory anyway:
        // Netty copies heap bytes into a direct buffer before writing them, and a composite of
        // several heap buffers it first merges into one more heap buffer (two copies, two
        // allocations). The copy is made by the thread that writes: off the loop when handlers run off it.
        int total = 0;
        for (int i = 0; i < count; i++) {
            total += frames[i].remaining();
        }
        boolean onLoop = channel.eventLoop().inEventLoop();
        if (onLoop && pending == null) {
            // Nothing handed over waits before it (only the loop takes from the stack): into the loop's
            // scratch, sent at the read batch's end (at once outside a batch), or straight to Netty.
            LoopSocketSend scratch = scratchFor(total);
            if (scratch != null) {
                for (int i = 0; i < count; i++) {
                    scratch.append(this, frames[i]);
                }
                if (inReadBatch) {
                    flushNeeded = true;
                } else {
                    sendHeld(scratch);
                }
                return;
            }
        }
        ByteBuf buffer = channel.alloc().directBuffer(total);
        for (int i = 0; i < count; i++) {
            buffer.writeBytes(frames[i]);
        }
        if (onLoop && pending == null) {
            writeToChannel(buffer);
            return;
        }
        PENDING_BYTES.addAndGet(this, buffer.readableBytes());
        push(buffer);
        if (onLoop) {
            drain();
            if (inReadBatch) {
                flushNeeded = true;
            } else if (nativeSocket) {
                // Whatever the writer does next, the loop's scratch is not left holding these bytes.
                sendHeld(LoopSocketSend.onThisLoop());
            }
        } else if (Thread.currentThread() == batchThread) {
            batchWrote = true;
        } else {
            scheduleDrain();
        }
    }

    @Override
    public void flush() {
        if (channel.eventLoop().inEventLoop()) {
            drain();
            if (inReadBatch) {
                flushNeeded = true;
            } else {
                flushOnLoop();
            }
        }
        // Other threads: the drain task that write() scheduled (or the batch's end) flushes.
    }

    private void scheduleDrain() {
        if (setFlag(DRAIN_SCHEDULED)) {
            channel.eventLoop().execute(drainTask);
        }
    }

    private void drainAndFlush() {
        clearFlag(DRAIN_SCHEDULED);
        drain();
        if (inReadBatch) {
            flushNeeded = true;
        } else {
            flushOnLoop();
        }
        if (writerWaiting && channel.isWritable()) {
            writerWaiting = false;
            writer.onWritePossible();
        }
    }

    /** A buffer handed over by another thread, and the one handed over before it. */
    private static final class PendingWrite {
        final ByteBuf buffer;
        PendingWrite next;

        PendingWrite(ByteBuf buffer) {
            this.buffer = buffer;
        }
    }

    private void push(ByteBuf buffer) {
        PendingWrite node = new PendingWrite(buffer);
        PendingWrite head;
        do {
            head = pending;
            node.next = head;
        } while (!PENDING.compareAndSet(this, head, node));
    }

    /** Takes every handed-over buffer, oldest first, or {@code null}. */
    private PendingWrite takeAll() {
        PendingWrite newestFirst = PENDING.getAndSet(this, null);
        PendingWrite oldestFirst = null;
        while (newestFirst != null) {
            PendingWrite next = newestFirst.next;
            newestFirst.next = oldestFirst;
            oldestFirst = newestFirst;
            newestFirst = next;
        }
        return oldestFirst;
    }

    /** Moves handed-over frames to the loop's scratch or Netty's outbound buffer, in order; event loop only. */
    private void drain() {
        for (PendingWrite node = takeAll(); node != null; node = node.next) {
            ByteBuf buffer = node.buffer;
            int length = buffer.readableBytes();
            PENDING_BYTES.addAndGet(this, -length);
            LoopSocketSend scratch = length <= MAX_SCRATCH_COPY ? scratchFor(length) : null;
            if (scratch != null) {
                scratch.append(this, buffer);
                buffer.release();
            } else {
                writeToChannel(buffer);
            }
        }
    }

    /**
     * The loop's scratch with room for {@code bytes} more of this connection's bytes, when they may
     * go out that way ({@link LoopSocketSend}), else {@code null}: the bytes then take Netty's path.
     * Event loop only.
     */
    private LoopSocketSend scratchFor(int bytes) {
        if (!nativeSocket || unflushed || bytes > LoopSocketSend.SCRATCH_BYTES) {
            return null;
        }
        LoopSocketSend scratch = LoopSocketSend.onThisLoop();
        if (scratch.heldBy(this)) {
            if (scratch.room() >= bytes) {
                return scratch;
            }
            sendHeld(scratch);
            if (unflushed) {
                return null;
            }
        } else if (!scratch.availableTo(this)) {
            return null; // another connection's read batch holds it (a handler on the loop sending elsewhere)
        }
        return LoopSocketSend.usable(channel, this) ? scratch : null;
    }

    /**
     * Sends this connection's bytes in the loop's scratch, if it holds any; what the socket does not
     * take goes to Netty's outbound buffer, flushed at once (Netty then waits for write readiness).
     * Event loop only.
     */
    private void sendHeld(LoopSocketSend scratch) {
        if (!scratch.heldBy(this)) {
            return;
        }
        ByteBuf rest;
        try {
            rest = scratch.send(channel);
        } catch (IOException e) {
            exceptionCaught(ctx, e);
            return;
        }
        if (rest != null) {
            writeNetty(rest);
            unflushed = false;
            ctx.flush();
        }
    }

    /** Sends what this connection's writes left in the scratch or Netty's buffer; event loop only. */
    private void flushOnLoop() {
        if (nativeSocket) {
            sendHeld(LoopSocketSend.onThisLoop());
        }
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
    }

    /** To Netty's outbound buffer, after what this connection has in the loop's scratch; event loop only. */
    private void writeToChannel(ByteBuf buffer) {
        if (nativeSocket) {
            sendHeld(LoopSocketSend.onThisLoop());
        }
        writeNetty(buffer);
    }

    /** Event loop only. */
    private void writeNetty(ByteBuf buffer) {
        if (channel.isActive()) {
            // A failed write fires exceptionCaught, which reports the connection lost.
            ctx.write(buffer, ctx.voidPromise());
            unflushed = true;
        } else {
            buffer.release();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (channel.isWritable() && writerWaiting) {
            writerWaiting = false;
            writer.onWritePossible();
        }
        ctx.fireChannelWritabilityChanged();
    }

    /**
     * Drops what Reactor Netty or WebFlux try to write into the connection after the 101 (such as
     * the response of the finished exchange): the connection speaks WebSocket now.
     */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ReferenceCountUtil.release(msg);
        promise.trySuccess();
    }

    /** Writes the handshake response ahead of any frame; event loop only. */
    void writeHandshakeResponse(byte[] head) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(head), ctx.voidPromise());
    }

    @Override
    public void close() {
        closedBySession = true;
        if (channel.eventLoop().inEventLoop()) {
            closeAfterPending();
        } else {
            channel.eventLoop().execute(this::closeAfterPending);
        }
    }

    /**
     * Frames handed over before the close still go out (our Close among them), then the TCP
     * connection is closed. Netty holds written frames in its own buffer until the socket takes
     * them, so a peer that stopped reading would keep the connection open for ever: after the linger
     * time (the endpoint's close timeout) it is closed regardless, discarding what it never read.
     */
    private void closeAfterPending() {
        drain();
        if (nativeSocket) {
            sendHeld(LoopSocketSend.onThisLoop());
        }
        ChannelFuture flushed = ctx.writeAndFlush(Unpooled.EMPTY_BUFFER);
        flushed.addListener(ChannelFutureListener.CLOSE);
        if (!flushed.isDone()) {
            ScheduledFuture<?> hardClose = channel.eventLoop().schedule(() -> {
                channel.close();
            }, closeLingerMillis, TimeUnit.MILLISECONDS);
            channel.closeFuture().addListener(closed -> hardClose.cancel(false));
        }
    }

    private void releasePending() {
        if (nativeSocket) {
            LoopSocketSend scratch = LoopSocketSend.onThisLoop();
            if (scratch.heldBy(this)) {
                scratch.discard();
            }
        }
        for (PendingWrite node = takeAll(); node != null; node = node.next) {
            PENDING_BYTES.addAndGet(this, -node.buffer.readableBytes());
            node.buffer.release();
        }
        ByteBuf buffer;
        while (held != null && (buffer = held.poll()) != null) {
            buffer.release();
        }
    }
}
