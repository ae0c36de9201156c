package io.wsstack.core.deflate;

/**
 * Window size and zlib memory level pairs for a dedicated compressor, in the spirit of uWebSockets'
 * {@code DEDICATED_COMPRESSOR_*} constants. The name is zlib's own estimate of the compressor's
 * buffers, {@code 2^(windowBits+2) + 2^(memLevel+9)} bytes; what a connection really costs
 * (compressor, decompressor and zlib's fixed state, with context takeover after messages have
 * flowed) is measured by the bench harness and listed in BENCHMARKS.md.
 *
 * <p>A preset sets the window the server compresses with ({@code server_max_window_bits}), the window
 * it answers to a client that offers {@code client_max_window_bits} (so the server's decompressor is
 * just as small), and the memory level. It takes effect on Java 22+ with the FFM zlib binding; with
 * java.util.zip every preset compresses with 15 bits and memory level 8, as {@link #DEDICATED_256KB}.
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
    DEDICATED_256KB(15, 8);

    private final int windowBits;
    private final int memoryLevel;

    DeflatePreset(int windowBits, int memoryLevel) {
        this.windowBits = windowBits;
        this.memoryLevel = memoryLevel;
    }

    /** The window size exponent, 9–15. */
    public int windowBits() {
        return windowBits;
    }

    /** zlib's memory level, 1–9 (hash table and pending buffer size). */
    public int memoryLevel() {
        return memoryLevel;
    }
}
