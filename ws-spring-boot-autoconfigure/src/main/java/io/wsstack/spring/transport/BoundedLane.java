package io.wsstack.spring.transport;

import io.wsstack.spring.servlet.FrameTransport;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * A dispatched session's handler lane with a bound: the handler calls its transport decoded on the
 * read thread run off it, one at a time and in wire order (a {@link SerialExecutor} on the shared
 * {@link HandlerDispatcher}), and at most {@value #MAX_CALLS} calls or {@value #MAX_BYTES} payload
 * bytes wait. When the lane is full the transport stops decoding and reading ({@link #pause()}), so
 * TCP pushes back on a sender whose handler falls behind; once the lane has drained to half, the
 * transport hears {@link Owner#resumeReading()} on its read thread.
 *
 * <p>What stays with the transport is how it stops and starts reading (Netty's read requests, a
 * selector's interest ops) and which thread that happens on ({@link Owner#executeOnReadThread}).
 */
public final class BoundedLane implements FrameTransport.HandlerLane, SerialExecutor.BatchListener {

    /** Handler calls a dispatched session may have queued before it stops decoding and reading. */
    public static final int MAX_CALLS = 64;
    /** Payload bytes those queued calls may hold before the session stops decoding and reading. */
    public static final long MAX_BYTES = 256 * 1024;

    /** The transport a lane serves. */
    public interface Owner extends SerialExecutor.BatchListener {
        /** Runs {@code task} on the thread that reads and decodes this session's bytes. */
        void executeOnReadThread(Runnable task);

        /** The lane drained to half after a pause: decode the bytes kept back and read on. Read thread only. */
        void resumeReading();
    }

    // Counters and flags as volatile fields with static updaters rather than Atomic* objects: every
    // dispatched session carries a lane, and each Atomic* object's header would add to it.
    private static final AtomicIntegerFieldUpdater<BoundedLane> CALLS =
            AtomicIntegerFieldUpdater.newUpdater(BoundedLane.class, "calls");
    private static final AtomicLongFieldUpdater<BoundedLane> BYTES =
            AtomicLongFieldUpdater.newUpdater(BoundedLane.class, "bytes");
    private static final AtomicIntegerFieldUpdater<BoundedLane> RESUME_SCHEDULED =
            AtomicIntegerFieldUpdater.newUpdater(BoundedLane.class, "resumeScheduled");

    private final SerialExecutor serial;
    private final Owner owner;
    /** Handler calls queued and not yet finished. */
    private volatile int calls;
    /** Payload bytes those calls hold. */
    private volatile long bytes;
    /** Decoding stopped because the lane is full; set on the read thread, read by the lane's threads. */
    private volatile boolean paused;
    /** 1 while a resume is queued on the read thread (at most one at a time). */
    private volatile int resumeScheduled;

    public BoundedLane(Executor handlers, Owner owner) {
        this.owner = owner;
        this.serial = new SerialExecutor(handlers, this);
    }

    public BoundedLane(HandlerDispatcher dispatcher, Owner owner) {
        this.owner = owner;
        this.serial = dispatcher.newSession(this);
    }

    @Override
    public boolean offer(Runnable call, long bytes) {
        int queued = CALLS.incrementAndGet(this);
        long held = BYTES.addAndGet(this, bytes);
        serial.execute(new LaneCall(call, bytes));
        return queued < MAX_CALLS && held < MAX_BYTES;
    }

    /**
     * Runs {@code task} in the session's order, behind the handler calls queued before it, without
     * counting it against the bound (the end of input, a close: tasks that must never be refused).
     */
    public void execute(Runnable task) {
        serial.execute(task);
    }

    /** A handler call on the lane, which gives its place back when it has run. */
    private final class LaneCall implements Runnable {
        private final Runnable call;
        private final long bytes;

        LaneCall(Runnable call, long bytes) {
            this.call = call;
            this.bytes = bytes;
        }

        @Override
        public void run() {
            try {
                call.run();
            } finally {
                CALLS.decrementAndGet(BoundedLane.this);
                BYTES.addAndGet(BoundedLane.this, -bytes);
            }
        }
    }

    /** Whether the transport stopped decoding and reading because the lane was full. */
    public boolean isPaused() {
        return paused;
    }

    /**
     * The lane filled up: the transport has stopped decoding and reading, until the lane has drained
     * to half. Read thread only.
     */
    public void pause() {
        paused = true;
        // The lane may have drained before the flag was seen: check again (its threads check the flag after draining).
        if (hasRoom()) {
            scheduleResume();
        }
    }

    private boolean hasRoom() {
        return calls <= MAX_CALLS / 2 && bytes <= MAX_BYTES / 2;
    }

    private void scheduleResume() {
        if (RESUME_SCHEDULED.compareAndSet(this, 0, 1)) {
            owner.executeOnReadThread(this::resume);
        }
    }

    /** On the read thread: hands reading back to the transport once the lane has room again. */
    private void resume() {
        resumeScheduled = 0;
        if (!paused || !hasRoom()) {
            return; // not paused, or the lane's next batch end tries again
        }
        paused = false;
        owner.resumeReading();
    }

    @Override
    public void batchStarted() {
        owner.batchStarted();
    }

    @Override
    public void batchEnded() {
        owner.batchEnded();
        if (paused && hasRoom()) {
            scheduleResume();
        }
    }
}
