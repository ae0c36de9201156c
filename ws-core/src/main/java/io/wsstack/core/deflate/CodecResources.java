package io.wsstack.core.deflate;

/**
 * What every connection of one endpoint shares for compression: the message size threshold and
 * the deflater/inflater pools, one per window size in use (the FFM binding makes windows differ
 * between connections: each client may ask for its own). In {@link DeflateMode#DEDICATED} mode the
 * pools keep nothing idle, so acquiring creates a new instance and releasing ends it; so does
 * {@link DeflateMode#POOLED} on a binding that cannot move windows (java.util.zip).
 */
final class CodecResources implements AutoCloseable {

    final DeflateMode mode;
    final int threshold;
    /** {@link DeflateMode#POOLED} with a binding that can move windows: streams are borrowed per message. */
    final boolean carriesWindows;
    private final int level;
    private final int memoryLevel;
    private final int capacity;
    private final boolean choosesWindow;
    private final DeflaterPool[] deflaters = new DeflaterPool[DeflateOptions.MAX_WINDOW_BITS + 1];
    private final InflaterPool[] inflaters = new InflaterPool[DeflateOptions.MAX_WINDOW_BITS + 1];
    private boolean closed;

    private CodecResources(DeflateOptions options) {
        this.mode = options.mode();
        this.threshold = options.threshold();
        this.level = options.compressionLevel();
        this.memoryLevel = options.memoryLevel();
        this.choosesWindow = Zlib.binding().choosesWindow();
        this.carriesWindows = options.mode() == DeflateMode.POOLED && Zlib.binding().carriesWindows();
        this.capacity = options.mode() == DeflateMode.SHARED || carriesWindows ? options.sharedPoolCapacity() : 0;
    }

    static CodecResources of(DeflateOptions options) {
        return new CodecResources(options);
    }

    /**
     * The window a compressor really uses for a negotiated limit of {@code bits}: zlib refuses raw
     * deflate with 8 bits and uses 9, which stays readable by a 256-byte window (see
     * {@link ServerDeflateNegotiator}); java.util.zip always uses 15.
     */
    int deflateWindow(int bits) {
        return choosesWindow ? Math.max(bits, 9) : DeflateOptions.MAX_WINDOW_BITS;
    }

    /**
     * The window a decompressor uses for a peer limited to {@code bits}: at least 9, so a peer that
     * maps 8 to 9 the way zlib does is read either way; java.util.zip always uses 15.
     */
    int inflateWindow(int bits) {
        return choosesWindow ? Math.max(bits, 9) : DeflateOptions.MAX_WINDOW_BITS;
    }

    /** The deflater pool for a negotiated window limit of {@code bits}. */
    synchronized DeflaterPool deflaters(int bits) {
        int window = deflateWindow(bits);
        DeflaterPool pool = deflaters[window];
        if (pool == null) {
            pool = new DeflaterPool(level, window, choosesWindow ? memoryLevel : DeflateOptions.DEFAULT_MEMORY_LEVEL,
                    capacity);
            if (closed) {
                pool.close();
            }
            deflaters[window] = pool;
        }
        return pool;
    }

    /** The inflater pool for a peer whose negotiated window limit is {@code bits}. */
    synchronized InflaterPool inflaters(int bits) {
        int window = inflateWindow(bits);
        InflaterPool pool = inflaters[window];
        if (pool == null) {
            pool = new InflaterPool(window, capacity);
            if (closed) {
                pool.close();
            }
            inflaters[window] = pool;
        }
        return pool;
    }

    /** Ends the idle pooled instances; instances still held by connections are ended when those close. */
    @Override
    public synchronized void close() {
        closed = true;
        for (DeflaterPool pool : deflaters) {
            if (pool != null) {
                pool.close();
            }
        }
        for (InflaterPool pool : inflaters) {
            if (pool != null) {
                pool.close();
            }
        }
    }
}
