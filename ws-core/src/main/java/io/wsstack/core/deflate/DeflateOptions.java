package io.wsstack.core.deflate;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.zip.Deflater;

/**
 * The local permessage-deflate configuration (RFC 7692) of one endpoint: what a server accepts and
 * answers, or what a client offers, plus how messages are compressed. Immutable; build it with
 * {@link #builder()}.
 *
 * <p><b>Window sizes.</b> On Java 22+ with a usable system zlib ({@link DeflateResources#smallWindowsSupported()})
 * compressors and decompressors are created through the FFM API with any window from 2<sup>8</sup> to
 * 2<sup>15</sup> bytes and any {@link #memoryLevel() memory level}, so both roles accept window
 * parameters of 8–15 and answer with what they really use. Otherwise {@code java.util.zip} always
 * compresses with the largest window, 2<sup>15</sup> = 32 KiB, and this endpoint can never promise
 * fewer than 15 window bits: a server declines offers carrying {@code server_max_window_bits} below
 * 15, a client fails the handshake when a server answers {@code client_max_window_bits} below 15, and
 * the window and memory level set here are ignored. Inflating is not limited either way: an inflater
 * with a larger window decodes data produced with any smaller one.
 *
 * <p>How each setting is used in each role:
 * <ul>
 *   <li>{@code serverNoContextTakeover}: a server puts {@code server_no_context_takeover} in every
 *       response and resets its deflater after each message; a client asks for it in its offer.</li>
 *   <li>{@code clientNoContextTakeover}: a server puts {@code client_no_context_takeover} in every
 *       response (RFC 7692 §7.1.1.2 allows it even when not offered); a client offers it and then
 *       resets its deflater after each message even if the server does not echo it.</li>
 *   <li>{@code serverMaxWindowBits}: a client offers {@code server_max_window_bits} when it is below
 *       15; a server compresses with at most this window and says so in its response.</li>
 *   <li>{@code clientMaxWindowBits}: a server that receives {@code client_max_window_bits} answers
 *       with this value (or the client's smaller one); a client offers the parameter, without a
 *       value or with 15, only when {@link Builder#offerClientMaxWindowBits()} was called.</li>
 * </ul>
 */
public final class DeflateOptions {

    /** Smallest window size exponent allowed by RFC 7692 §7.1.2. */
    public static final int MIN_WINDOW_BITS = 8;
    /** Largest window size exponent allowed by RFC 7692 §7.1.2, and the only one java.util.zip compresses with. */
    public static final int MAX_WINDOW_BITS = 15;
    /** zlib's default memory level, the one java.util.zip always uses. */
    public static final int DEFAULT_MEMORY_LEVEL = 8;
    /** Default {@link #threshold()}: below this size deflate rarely wins enough to pay for the CPU. */
    public static final int DEFAULT_THRESHOLD = 64;
    /** Default {@link #sharedPoolCapacity()}. */
    public static final int DEFAULT_SHARED_POOL_CAPACITY = 16;

    private static final DeflateOptions DEFAULTS = builder().build();

    private final boolean serverNoContextTakeover;
    private final boolean clientNoContextTakeover;
    private final int serverMaxWindowBits;
    private final int clientMaxWindowBits; // 0 when not configured
    private final boolean offerClientMaxWindowBits;
    private final int compressionLevel;
    private final int memoryLevel;
    private final int threshold;
    private final DeflateMode mode;
    private final int sharedPoolCapacity;
    private final boolean fallbackOffer;

    private DeflateOptions(Builder b) {
        this.serverNoContextTakeover = b.serverNoContextTakeover;
        this.clientNoContextTakeover = b.clientNoContextTakeover;
        this.serverMaxWindowBits = b.serverMaxWindowBits;
        this.clientMaxWindowBits = b.clientMaxWindowBits;
        this.offerClientMaxWindowBits = b.offerClientMaxWindowBits;
        this.compressionLevel = b.compressionLevel;
        this.memoryLevel = b.memoryLevel;
        this.threshold = b.threshold;
        this.mode = b.mode;
        this.sharedPoolCapacity = b.sharedPoolCapacity;
        this.fallbackOffer = b.fallbackOffer;
    }

    /** The defaults: dedicated mode, context takeover both ways, 15-bit windows, default level, threshold 64. */
    public static DeflateOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether the server resets its compression context after every message (RFC 7692 §7.1.1.1). */
    public boolean serverNoContextTakeover() {
        return serverNoContextTakeover;
    }

    /** Whether the client resets its compression context after every message (RFC 7692 §7.1.1.2). */
    public boolean clientNoContextTakeover() {
        return clientNoContextTakeover;
    }

    /** The server's window size exponent, 8–15 (RFC 7692 §7.1.2.1); 15 unless configured. */
    public int serverMaxWindowBits() {
        return serverMaxWindowBits;
    }

    /** The client's window size exponent to answer or offer (RFC 7692 §7.1.2.2), if configured. */
    public OptionalInt clientMaxWindowBits() {
        return clientMaxWindowBits == 0 ? OptionalInt.empty() : OptionalInt.of(clientMaxWindowBits);
    }

    /** Whether a client offers {@code client_max_window_bits} (with the configured value, or none). */
    public boolean offerClientMaxWindowBits() {
        return offerClientMaxWindowBits;
    }

    /** The deflate level, 0–9 or {@link Deflater#DEFAULT_COMPRESSION}. */
    public int compressionLevel() {
        return compressionLevel;
    }

    /**
     * zlib's memory level for compressors, 1–9 (default 8): the hash table has 2<sup>level+7</sup>
     * entries and the pending buffer 2<sup>level+8</sup> bytes. Lower saves memory and cache misses
     * for a slightly worse ratio. Only used by the FFM binding (Java 22+).
     */
    public int memoryLevel() {
        return memoryLevel;
    }

    /** Outgoing messages shorter than this many bytes are sent uncompressed (RSV1 clear). */
    public int threshold() {
        return threshold;
    }

    /** Whether deflaters and inflaters are owned by each connection or pooled per endpoint. */
    public DeflateMode mode() {
        return mode;
    }

    /** In {@link DeflateMode#SHARED} and {@link DeflateMode#POOLED} modes, how many idle deflaters (and as many inflaters) a pool keeps. */
    public int sharedPoolCapacity() {
        return sharedPoolCapacity;
    }

    /** Whether a client adds a plain {@code permessage-deflate} offer after its configured one. */
    public boolean fallbackOffer() {
        return fallbackOffer;
    }

    @Override
    public String toString() {
        return "DeflateOptions[mode=" + mode + ", serverNoContextTakeover=" + serverNoContextTakeover
                + ", clientNoContextTakeover=" + clientNoContextTakeover
                + ", serverMaxWindowBits=" + serverMaxWindowBits
                + ", clientMaxWindowBits=" + (clientMaxWindowBits == 0 ? "unset" : clientMaxWindowBits)
                + ", offerClientMaxWindowBits=" + offerClientMaxWindowBits
                + ", compressionLevel=" + compressionLevel + ", memoryLevel=" + memoryLevel + ", threshold=" + threshold
                + ", sharedPoolCapacity=" + sharedPoolCapacity + ", fallbackOffer=" + fallbackOffer + "]";
    }

    /** Builds {@link DeflateOptions}; every setter checks its argument at once. */
    public static final class Builder {
        private boolean serverNoContextTakeover;
        private boolean clientNoContextTakeover;
        private int serverMaxWindowBits = MAX_WINDOW_BITS;
        private int clientMaxWindowBits;
        private boolean offerClientMaxWindowBits;
        private int compressionLevel = Deflater.DEFAULT_COMPRESSION;
        private int memoryLevel = DEFAULT_MEMORY_LEVEL;
        private int threshold = DEFAULT_THRESHOLD;
        private DeflateMode mode = DeflateMode.DEDICATED;
        private int sharedPoolCapacity = DEFAULT_SHARED_POOL_CAPACITY;
        private boolean fallbackOffer;

        private Builder() {
        }

        /** See {@link DeflateOptions#serverNoContextTakeover()}. */
        public Builder serverNoContextTakeover(boolean value) {
            this.serverNoContextTakeover = value;
            return this;
        }

        /** See {@link DeflateOptions#clientNoContextTakeover()}. */
        public Builder clientNoContextTakeover(boolean value) {
            this.clientNoContextTakeover = value;
            return this;
        }

        /** See {@link DeflateOptions#serverMaxWindowBits()}; 8–15. */
        public Builder serverMaxWindowBits(int bits) {
            this.serverMaxWindowBits = checkWindowBits(bits);
            return this;
        }

        /** See {@link DeflateOptions#clientMaxWindowBits()}; 8–15. */
        public Builder clientMaxWindowBits(int bits) {
            this.clientMaxWindowBits = checkWindowBits(bits);
            return this;
        }

        /** Makes a client offer {@code client_max_window_bits}; see {@link DeflateOptions#offerClientMaxWindowBits()}. */
        public Builder offerClientMaxWindowBits() {
            this.offerClientMaxWindowBits = true;
            return this;
        }

        /** See {@link DeflateOptions#compressionLevel()}; 0–9 or {@link Deflater#DEFAULT_COMPRESSION}. */
        public Builder compressionLevel(int level) {
            if ((level < Deflater.NO_COMPRESSION || level > Deflater.BEST_COMPRESSION)
                    && level != Deflater.DEFAULT_COMPRESSION) {
                throw new IllegalArgumentException("compressionLevel must be 0-9 or -1, was " + level);
            }
            this.compressionLevel = level;
            return this;
        }

        /** See {@link DeflateOptions#memoryLevel()}; 1–9. */
        public Builder memoryLevel(int level) {
            if (level < 1 || level > 9) {
                throw new IllegalArgumentException("memoryLevel must be 1-9, was " + level);
            }
            this.memoryLevel = level;
            return this;
        }

        /**
         * Applies {@code preset}: both window sizes ({@code serverMaxWindowBits} and
         * {@code clientMaxWindowBits}) and the memory level, and for a {@code POOLED_*} preset the mode
         * {@link DeflateMode#POOLED}. For a server this sizes its own compressor and, for clients that
         * offer {@code client_max_window_bits}, its decompressor. Like every setter it can be
         * overridden by a later call ({@code mode(...)} after a pooled preset keeps its windows).
         */
        public Builder preset(DeflatePreset preset) {
            Objects.requireNonNull(preset, "preset");
            this.serverMaxWindowBits = preset.windowBits();
            this.clientMaxWindowBits = preset.windowBits();
            this.memoryLevel = preset.memoryLevel();
            if (preset.mode() == DeflateMode.POOLED) {
                this.mode = DeflateMode.POOLED;
            }
            return this;
        }

        /** See {@link DeflateOptions#threshold()}; 0 compresses every message. */
        public Builder threshold(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("threshold must not be negative, was " + bytes);
            }
            this.threshold = bytes;
            return this;
        }

        /** See {@link DeflateOptions#mode()}. */
        public Builder mode(DeflateMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** See {@link DeflateOptions#sharedPoolCapacity()}; at least 0. */
        public Builder sharedPoolCapacity(int capacity) {
            if (capacity < 0) {
                throw new IllegalArgumentException("sharedPoolCapacity must not be negative, was " + capacity);
            }
            this.sharedPoolCapacity = capacity;
            return this;
        }

        /** See {@link DeflateOptions#fallbackOffer()}. */
        public Builder fallbackOffer(boolean value) {
            this.fallbackOffer = value;
            return this;
        }

        /** The immutable options. */
        public DeflateOptions build() {
            return new DeflateOptions(this);
        }

        private static int checkWindowBits(int bits) {
            if (bits < MIN_WINDOW_BITS || bits > MAX_WINDOW_BITS) {
                throw new IllegalArgumentException("window bits must be 8-15, was " + bits);
            }
            return bits;
        }
    }
}
