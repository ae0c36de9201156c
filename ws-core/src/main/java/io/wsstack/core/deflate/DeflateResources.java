package io.wsstack.core.deflate;

import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Creates and ends every {@link Deflater} and {@link Inflater} of this package and counts the ones
 * alive, so that tests and metrics can prove none leaks.
 *
 * <p>Each instance holds native zlib memory outside the Java heap (about 256 KiB for a deflater at
 * the default level, about 40 KiB for an inflater); a forgotten {@code end()} only gives it back when
 * the garbage collector happens to run the cleaner (Jetty issues #293 and #13029). A count that does
 * not return to its baseline after connections close is such a leak.
 */
public final class DeflateResources {

    private static final AtomicLong LIVE_DEFLATERS = new AtomicLong();
    private static final AtomicLong LIVE_INFLATERS = new AtomicLong();

    private DeflateResources() {
    }

    /** Deflaters created here and not yet ended. */
    public static long liveDeflaters() {
        return LIVE_DEFLATERS.get();
    }

    /** Inflaters created here and not yet ended. */
    public static long liveInflaters() {
        return LIVE_INFLATERS.get();
    }

    /** A raw-DEFLATE compressor (no zlib header, as RFC 7692 §7.2.1 needs) at {@code level}. */
    static Deflater newDeflater(int level) {
        Deflater deflater = new Deflater(level, true);
        LIVE_DEFLATERS.incrementAndGet();
        return deflater;
    }

    /** A raw-DEFLATE decompressor with the full 32 KiB window, which reads any window size. */
    static Inflater newInflater() {
        Inflater inflater = new Inflater(true);
        LIVE_INFLATERS.incrementAndGet();
        return inflater;
    }

    /** Ends {@code deflater}, releasing its native memory now. */
    static void end(Deflater deflater) {
        deflater.end();
        LIVE_DEFLATERS.decrementAndGet();
    }

    /** Ends {@code inflater}, releasing its native memory now. */
    static void end(Inflater inflater) {
        inflater.end();
        LIVE_INFLATERS.decrementAndGet();
    }
}
