package io.wsstack.core.deflate;

/**
 * A source of raw-DEFLATE compressors and decompressors: {@link JdkZlib} (java.util.zip, any Java)
 * or {@code FfmZlib} (the system's zlib through the FFM API, Java 22+), chosen once by {@link Zlib}.
 */
interface ZlibBinding {

    /**
     * A compressor at {@code level} (0–9 or -1) with a window of 2<sup>windowBits</sup> bytes
     * (9–15) and zlib memory level {@code memoryLevel} (1–9). A binding without
     * {@link #choosesWindow()} ignores the last two and uses 15 and 8.
     */
    RawDeflater newDeflater(int level, int windowBits, int memoryLevel);

    /** A decompressor with a window of 2<sup>windowBits</sup> bytes (8–15), or 15 without {@link #choosesWindow()}. */
    RawInflater newInflater(int windowBits);

    /** Whether window bits and memory level are honoured (false for java.util.zip). */
    boolean choosesWindow();

    /**
     * Whether compressors and decompressors can hand out and take back their window
     * ({@link RawDeflater#saveWindow}, {@link RawDeflater#restoreWindow}), which {@link DeflateMode#POOLED}
     * needs (zlib 1.2.9+ through FFM; java.util.zip cannot read a window back).
     */
    default boolean carriesWindows() {
        return false;
    }

    /** What the binding is, for log lines and the actuator: "java.util.zip" or "zlib 1.2.13 (FFM)". */
    String description();
}
