package io.wsstack.core.deflate;

/**
 * Window size and zlib memory level pairs for a compressed connection with context takeover.
 *
 * <p>The {@code DEDICATED_*} presets are uWebSockets' {@code DEDICATED_COMPRESSOR_*} constants: each
 * connection owns its zlib streams, and the name is zlib's own estimate of the compressor's buffers,
 * {@code 2^(windowBits+2) + 2^(memLevel+9)} bytes. The {@code POOLED_*} presets select
 * {@link DeflateMode#POOLED} as well: a connection keeps only its two windows between messages (the
 * name is their size, both directions together) and borrows zlib streams from the endpoint's pool per
 * message. Because pooled streams are not paid for per connection, their memory level is chosen for
 * speed (one deflate block per message of a few KiB) instead of size. What a connection really costs
 * with context takeover after messages have flowed is measured by the bench harness and listed in
 * BENCHMARKS.md.
 *
 * <p>A preset sets the window the server compresses with ({@code server_max_window_bits}), the window
 * it answers to a client that offers {@code client_max_window_bits} (so the server's decompressor is
 * just as small), and the memory level. It takes effect on Java 22+ with the FFM zlib binding; with
 * java.util.zip every preset compresses with 15 bits and memory level 8, as {@link #DEDICATED_256KB},
 * and a pooled preset behaves as a dedicated one (java.util.zip cannot hand a window back).
 */
public enum DeflatePreset {

    /**
     * 512-byte window, memory level 1: the smallest; small JSON messages still shrink by about half.
     * zlib ends a deflate block every 2<sup>memLevel+6</sup> symbols, 128 here, so a 1 KiB message
     * becomes several blocks with their own Huffman trees: more CPU per message than {@link #DEDICATED_4KB}.
     */
    DEDICATED_3KB(9, 1),
    /**
     * 512-byte window, memory level 2: about as small (~1 KiB more per connection), with about 15 % less
     * CPU per compressed 1 KiB message and a better ratio than {@link #DEDICATED_3KB}; the smallest
     * preset to choose for many connections (measurements in BENCHMARKS.md).
     */
    DEDICATED_4KB(9, 2),
    /** 1 KiB window, memory level 3. */
    DEDICATED_8KB(10, 3),
    /** 2 KiB window, memory level 4. */
    DEDICATED_16KB(11, 4),
    /** 4 KiB window, memory level 5. */
    DEDICATED_32KB(12, 5),
    /** 8 KiB window, memory level 6. */
    DEDICATED_64KB(13, 6),
    /** 16 KiB window, memory level 7. */
    DEDICATED_128KB(14, 7),
    /** 32 KiB window, memory level 8: zlib's and java.util.zip's defaults, the behaviour without a preset. */
    DEDICATED_256KB(15, 8),
    /**
     * Pooled mode with 512-byte windows: about 1 KiB per connection between messages (plus the session's
     * own objects), the least memory with context takeover. Pooled streams at memory level 3, so a 1 KiB
     * message is one deflate block: less CPU and a better ratio than {@link #DEDICATED_3KB}'s windows of
     * the same size.
     */
    POOLED_1KB(9, 3, DeflateMode.POOLED),
    /** Pooled mode with 1 KiB windows (2 KiB per connection), streams at memory level 4. */
    POOLED_2KB(10, 4, DeflateMode.POOLED),
    /** Pooled mode with 2 KiB windows (4 KiB per connection), streams at memory level 5. */
    POOLED_4KB(11, 5, DeflateMode.POOLED),
    /** Pooled mode with 4 KiB windows (8 KiB per connection), streams at memory level 5. */
    POOLED_8KB(12, 5, DeflateMode.POOLED);

    private final int windowBits;
    private final int memoryLevel;
    private final DeflateMode mode;

    DeflatePreset(int windowBits, int memoryLevel) {
        this(windowBits, memoryLevel, DeflateMode.DEDICATED);
    }

    DeflatePreset(int windowBits, int memoryLevel, DeflateMode mode) {
        this.windowBits = windowBits;
        this.memoryLevel = memoryLevel;
        this.mode = mode;
    }

    /** The window size exponent, 9–15. */
    public int windowBits() {
        return windowBits;
    }

    /** zlib's memory level, 1–9 (hash table and pending buffer size). */
    public int memoryLevel() {
        return memoryLevel;
    }

    /**
     * {@link DeflateMode#POOLED} for the {@code POOLED_*} presets, which set it; {@link DeflateMode#DEDICATED}
     * for the others, which only size the streams and leave the mode as configured (their windows
     * can serve shared and pooled mode too).
     */
    public DeflateMode mode() {
        return mode;
    }
}
