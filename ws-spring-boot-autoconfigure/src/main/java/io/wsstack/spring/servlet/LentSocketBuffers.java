package io.wsstack.spring.servlet;

import org.apache.tomcat.util.net.SocketBufferHandler;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tomcat's application buffers of one NIO connection (a read and a write buffer of
 * {@code socket.appReadBufSize} and {@code socket.appWriteBufSize}, 8 KiB each by default), lent to
 * it only while they hold bytes, instead of allocated for the connection's whole life.
 *
 * <p>Why: Tomcat gives every accepted socket both buffers and keeps them until the socket closes.
 * For an HTTP exchange that is a few milliseconds; for an upgraded WebSocket connection it is hours
 * during which the connection is mostly silent, so the two buffers were most of an idle
 * connection's memory. Here each direction is a separate small {@link SocketBufferHandler} (one
 * buffer of the configured size, the other empty) taken from a shared pool when Tomcat first
 * touches that direction, and given back by {@link TomcatIdleBuffers} at the points where the
 * transport knows the direction is idle and the buffer empty: after a read batch that ended with
 * the socket drained, after a flush that left nothing pending.
 *
 * <p>Every public method of {@link SocketBufferHandler} is forwarded to the half it concerns; Tomcat
 * reaches the buffers only through them. Queries that find no half lent answer as an empty buffer
 * would, without taking one. {@link TomcatIdleBuffers#install} refuses to use this class if
 * Tomcat's handler gained a public method not overridden here.
 *
 * <p>Tomcat recycles the connection's channel (and so this handler) for later connections; on close
 * it calls {@link #reset()}, which drops both halves and ends the lending connection's claim, so a
 * late release from it cannot take a buffer from the next user. A recycled handler that no
 * WebSocket claims (an HTTP connection) simply keeps what it borrowed until reset, like Tomcat's own.
 */
final class LentSocketBuffers extends SocketBufferHandler {

    private static final int POOL_CAPACITY = 128;
    /** The read half lent to a readiness check: enough for a few small frames. */
    static final int PROBE_SIZE = 512;
    /**
     * What the first readiness check reads into: no room, so it finds nothing even if bytes are
     * waiting. That is safe once: Tomcat then waits for the socket to be readable, which it is at
     * once if bytes are there, and the next check gets a real half. Nothing can be written into it,
     * so one instance serves every connection.
     */
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);
    /** Idle halves by size and direction, shared by all connections of the JVM. */
    private static final ConcurrentHashMap<Long, ArrayBlockingQueue<SocketBufferHandler>> POOLS = new ConcurrentHashMap<>();

    private volatile int readSize;
    private volatile int writeSize;
    /** The lent halves; null while none is lent. */
    private volatile SocketBufferHandler read;
    private volatile SocketBufferHandler write;
    /** The read half was just lent to a readiness check, which fills it next (reading thread only). */
    private boolean probing;
    /**
     * The first readiness check after the upgrade is still to come, or in progress: it reads into
     * {@link #NOTHING} (reading thread only). Tomcat runs that check on the upgrade's own event,
     * right after {@code init}, when the client has usually sent nothing yet; with no half lent to it,
     * a connection that stays silent from the start holds no read buffer at all.
     */
    private boolean firstCheck;
    private boolean firstCheckStarted;
    /** Whoever may give the halves back early (the upgraded connection's transport), or null. */
    private Object owner;

    /**
     * Takes over {@code original}'s state: its read buffer may still hold bytes read past the
     * upgrade request (the client's first frames), so it stays the read half until drained; its
     * write buffer must be empty (the 101 was flushed) and is dropped at once.
     */
    LentSocketBuffers(SocketBufferHandler original) {
        super(0, 0, false);
        this.readSize = original.getReadBuffer().capacity();
        this.writeSize = original.getWriteBuffer().capacity();
        this.read = original.isReadBufferEmpty() ? null : original;
        // Bytes read past the upgrade request must be found by that first check: it gets them then.
        this.firstCheck = read == null;
    }

    synchronized void claim(Object newOwner) {
        owner = newOwner;
    }

    /**
     * A recycled channel was upgraded again: the HTTP exchange before it borrowed full halves (the
     * request read, the 101 written), which a fresh channel's handler never holds. Empty ones go back
     * now, and the first readiness check reads into {@link #NOTHING} as on a fresh channel, so a
     * connection silent from the start holds no buffer whichever channel it got.
     */
    synchronized void upgradedAgain() {
        SocketBufferHandler w = write;
        if (w != null && w.isWriteBufferEmpty()) {
            write = null;
            giveBack(w, false);
        }
        SocketBufferHandler r = read;
        if (r != null && r.isReadBufferEmpty()) {
            read = null;
            giveBack(r, true);
        }
        probing = false;
        firstCheck = read == null;
        firstCheckStarted = false;
    }

    /** Gives the read half back if {@code by} still owns this handler and the half holds no bytes. */
    synchronized void releaseRead(Object by) {
        SocketBufferHandler half = read;
        if (owner == by && half != null && half.isReadBufferEmpty()) {
            read = null;
            probing = false;
            firstCheck = false;
            giveBack(half, true);
        }
    }

    /** Gives the write half back if {@code by} still owns this handler and the half holds no bytes. */
    synchronized void releaseWrite(Object by) {
        SocketBufferHandler half = write;
        if (owner == by && half != null && half.isWriteBufferEmpty()) {
            write = null;
            giveBack(half, false);
        }
    }

    /** Whether a half is lent now (for tests). */
    boolean holdsRead() {
        return read != null;
    }

    /** Whether a read half larger than a readiness check's is lent now (for tests). */
    boolean holdsFullRead() {
        SocketBufferHandler half = read;
        return half != null && half.getReadBuffer().capacity() > PROBE_SIZE;
    }

    boolean holdsWrite() {
        return write != null;
    }

    // ---- read direction --------------------------------------------------------------------------

    private SocketBufferHandler readHalf() {
        SocketBufferHandler half = read;
        if (half == null) {
            firstCheck = false;
            half = borrow(readSize, true);
            read = half;
        }
        return half;
    }

    /**
     * Before filling: a probe's fill goes into the small half just lent, any other fill into a
     * full-size one (an empty small half is swapped, which Tomcat cannot tell from clearing it).
     */
    @Override
    public void configureReadBufferForWrite() {
        SocketBufferHandler half = read;
        if (half == null && firstCheck) {
            return; // the first check fills NOTHING
        }
        if (half == null) {
            half = borrow(readSize, true);
            read = half;
        } else if (probing) {
            probing = false;
        } else if (half.getReadBuffer().capacity() < readSize && half.isReadBufferEmpty()) {
            SocketBufferHandler small = half;
            half = borrow(readSize, true);
            read = half;
            giveBack(small, true);
        }
        half.configureReadBufferForWrite();
    }

    /**
     * Tomcat starts every readiness check ({@code isReadyForRead}) and every read here. With no half
     * lent, this is a check whose answer may well be "nothing": it gets a small half of
     * {@value #PROBE_SIZE} bytes, so a check that finds nothing (the first one after the upgrade,
     * a spurious wake-up), after which Tomcat does not call the application, leaves a small buffer
     * behind rather than a full one. If bytes are there, the next fill takes a full half.
     */
    @Override
    public void configureReadBufferForRead() {
        SocketBufferHandler half = read;
        if (half == null && firstCheck) {
            if (!firstCheckStarted) {
                firstCheckStarted = true;
                return;
            }
            firstCheck = false; // the first check is over: this is the next one
        }
        if (half == null) {
            half = borrow(PROBE_SIZE, true);
            read = half;
            probing = true;
        }
        half.configureReadBufferForRead();
    }

    @Override
    public ByteBuffer getReadBuffer() {
        if (read == null && firstCheck) {
            return NOTHING;
        }
        return readHalf().getReadBuffer();
    }

    @Override
    public boolean isReadBufferEmpty() {
        SocketBufferHandler half = read;
        return half == null || half.isReadBufferEmpty();
    }

    @Override
    public void unReadReadBuffer(ByteBuffer returnedData) {
        firstCheck = false;
        readHalf().unReadReadBuffer(returnedData);
    }

    // ---- write direction -------------------------------------------------------------------------

    private SocketBufferHandler writeHalf() {
        SocketBufferHandler half = write;
        if (half == null) {
            half = borrow(writeSize, false);
            write = half;
        }
        return half;
    }

    @Override
    public void configureWriteBufferForWrite() {
        writeHalf().configureWriteBufferForWrite();
    }

    @Override
    public void configureWriteBufferForRead() {
        writeHalf().configureWriteBufferForRead();
    }

    @Override
    public boolean isWriteBufferWritable() {
        SocketBufferHandler half = write;
        return half == null || half.isWriteBufferWritable();
    }

    @Override
    public ByteBuffer getWriteBuffer() {
        return writeHalf().getWriteBuffer();
    }

    @Override
    public boolean isWriteBufferEmpty() {
        SocketBufferHandler half = write;
        return half == null || half.isWriteBufferEmpty();
    }

    // ---- both ------------------------------------------------------------------------------------

    /**
     * Tomcat empties both buffers: the connection closed, and its channel is kept for a later one.
     * The halves of a WebSocket connection are dropped rather than pooled: a send racing with the
     * close may still be copying into one, and a pooled half could already serve another connection.
     */
    @Override
    public synchronized void reset() {
        dropHalves();
    }

    /** Tomcat asks for larger buffers (TLS records, HTTP/2 frames): later halves have that size too. */
    @Override
    public synchronized void expand(int newSize) {
        readSize = Math.max(readSize, newSize);
        writeSize = Math.max(writeSize, newSize);
        SocketBufferHandler r = read;
        SocketBufferHandler w = write;
        if (r != null) {
            r.expand(newSize);
        }
        if (w != null) {
            w.expand(newSize);
        }
    }

    /** Tomcat discards the channel: as {@link #reset()}. */
    @Override
    public synchronized void free() {
        dropHalves();
    }

    private void dropHalves() {
        boolean pool = owner == null;
        owner = null;
        SocketBufferHandler r = read;
        SocketBufferHandler w = write;
        read = null;
        write = null;
        probing = false;
        firstCheck = false;
        if (pool) {
            giveBack(r, true);
            giveBack(w, false);
        }
    }

    // ---- the shared pool -------------------------------------------------------------------------

    private static ArrayBlockingQueue<SocketBufferHandler> pool(int size, boolean reading) {
        return POOLS.computeIfAbsent(((long) size << 1) | (reading ? 1 : 0), k -> new ArrayBlockingQueue<>(POOL_CAPACITY));
    }

    private static SocketBufferHandler borrow(int size, boolean reading) {
        SocketBufferHandler half = pool(size, reading).poll();
        if (half != null) {
            return half;
        }
        return reading ? new SocketBufferHandler(size, 0, false) : new SocketBufferHandler(0, size, false);
    }

    /** Pools a half of the standard shape, emptied; drops anything else (the original, an expanded half). */
    private static void giveBack(SocketBufferHandler half, boolean reading) {
        if (half == null) {
            return;
        }
        int size = reading ? half.getReadBuffer().capacity() : half.getWriteBuffer().capacity();
        int other = reading ? half.getWriteBuffer().capacity() : half.getReadBuffer().capacity();
        if (other != 0 || half.getReadBuffer().isDirect() || half.getWriteBuffer().isDirect()) {
            return;
        }
        half.reset();
        pool(size, reading).offer(half);
    }
}
