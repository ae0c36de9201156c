package io.wsstack.core.deflate;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Creates and ends every compressor and decompressor of this package and counts the ones alive, so
 * that tests and metrics can prove none leaks.
 *
 * <p>Each instance holds native zlib memory outside the Java heap: with java.util.zip about 256 KiB
 * for a compressor at the default level and about 40 KiB for a decompressor; with the FFM binding
 * (Java 22+) a few KiB at the small presets ({@link DeflatePreset}). A forgotten {@code end()} only
 * gives it back when the garbage collector happens to run a cleaner (Jetty issues #293 and #13029).
 * A count that does not return to its baseline after connections close is such a leak.
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

    /**
     * Whether this JVM compresses through the system's zlib with selectable windows (Java 22+ with a
     * usable {@code libz}); false means java.util.zip and 15-bit windows only.
     */
    public static boolean smallWindowsSupported() {
        return Zlib.binding().choosesWindow();
    }

    /** The zlib in use, for logs and diagnostics: "java.util.zip" or "zlib 1.2.13 (FFM)". */
    public static String zlibDescription() {
        return Zlib.binding().description();
    }

    /**
     * A raw-DEFLATE compressor (no zlib header, as RFC 7692 §7.2.1 needs) at {@code level} with a
     * 2<sup>windowBits</sup>-byte window (9–15) and {@code memoryLevel} (1–9); java.util.zip ignores
     * the last two.
     */
    static RawDeflater newDeflater(int level, int windowBits, int memoryLevel) {
        RawDeflater deflater = Zlib.binding().newDeflater(level, windowBits, memoryLevel);
        LIVE_DEFLATERS.incrementAndGet();
        return deflater;
    }

    /** A raw-DEFLATE decompressor with a 2<sup>windowBits</sup>-byte window (java.util.zip: always 32 KiB). */
    static RawInflater newInflater(int windowBits) {
        RawInflater inflater = Zlib.binding().newInflater(windowBits);
        LIVE_INFLATERS.incrementAndGet();
        return inflater;
    }

    /** Ends {@code deflater}, releasing its native memory now. */
    static void end(RawDeflater deflater) {
        deflater.end();
        LIVE_DEFLATERS.decrementAndGet();
    }

    /** Ends {@code inflater}, releasing its native memory now. */
    static void end(RawInflater inflater) {
        inflater.end();
        LIVE_INFLATERS.decrementAndGet();
    }
}
