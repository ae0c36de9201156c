package io.wsstack.autoconfigure;

import java.util.zip.Deflater;

import io.wsstack.core.deflate.DeflateMode;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.deflate.DeflatePreset;

import org.springframework.util.unit.DataSize;

/**
 * {@code ws.deflate.*}: the permessage-deflate extension (RFC 7692) the server accepts when a
 * client offers it.
 */
public class WsDeflateProperties {

    /** Whether permessage-deflate is negotiated at all. */
    private boolean enabled = true;

    /**
     * Compressor ownership: "dedicated" gives each session its own deflater and inflater (context
     * takeover, best ratio for small similar messages; about 300 KiB of native memory per session
     * with 15-bit windows, a few KiB with a small preset on Java 22+); "shared" borrows them from a
     * bounded pool for each message, so idle sessions hold none, and negotiates no context takeover in
     * both directions; "pooled" (Java 22+) borrows them per message too but keeps context takeover:
     * between messages a session holds only its two windows, handed to the borrowed zlib streams as
     * their dictionary; with java.util.zip it behaves as "dedicated". A pooled-* preset sets "pooled".
     */
    private DeflateMode mode = DeflateMode.DEDICATED;

    /** In shared and pooled modes, how many idle deflaters (and as many inflaters) the pool keeps. */
    private int sharedPoolCapacity = DeflateOptions.DEFAULT_SHARED_POOL_CAPACITY;

    /** Whether the server resets its compression context after every message (RFC 7692 §7.1.1.1). */
    private boolean serverNoContextTakeover;

    /** Whether the client is asked to reset its compression context after every message (RFC 7692 §7.1.1.2). */
    private boolean clientNoContextTakeover;

    /**
     * Window and memory level preset for each session's compressor and decompressor. "pooled-1kb"
     * (pooled mode, 512-byte windows: about 1 KiB per session between messages, for as little CPU per
     * message as any preset) up to "pooled-8kb" also set mode=pooled; "dedicated-3kb" up to
     * "dedicated-256kb" are uWebSockets' dedicated compressors (e.g. "dedicated-4kb": 512-byte window,
     * memory level 2, about 17 KiB per session). See "permessage-deflate and window sizes" in the
     * README for the measured memory per session. Sets server-max-window-bits, client-max-window-bits
     * and memory-level, so it cannot be combined with them, and a pooled preset not with mode=shared.
     * Takes effect on Java 22+ (the FFM zlib binding); with java.util.zip every preset compresses with
     * 15-bit windows.
     */
    private DeflatePreset preset;

    /**
     * LZ77 window the server compresses with, as a power of two (RFC 7692 §7.1.2.1), 8 to 15. On
     * Java 22+ (FFM zlib binding) offers of any window are accepted and answered with
     * min(offer, this); on Java 17-21 java.util.zip always compresses with 15 bits, this value is
     * ignored and offers asking for a smaller server window are declined.
     */
    private int serverMaxWindowBits = 15;

    /**
     * Largest LZ77 window the client may compress with, as a power of two, answered when the
     * client offers client_max_window_bits (RFC 7692 §7.1.2.2). 8 to 15; on Java 22+ the server's
     * decompressor then uses that window, which saves its memory.
     */
    private int clientMaxWindowBits = 15;

    /**
     * zlib memory level of the server's compressors, 1 (least memory) to 9: hash table and pending
     * buffer size. Java 22+ only (FFM zlib binding); java.util.zip always uses 8.
     */
    private int memoryLevel = DeflateOptions.DEFAULT_MEMORY_LEVEL;

    /** Deflate compression level: 0 (store only) to 9 (smallest output), or -1 for zlib's default (6). */
    private int level = Deflater.DEFAULT_COMPRESSION;

    /** Messages smaller than this are sent uncompressed, where compressing costs more than it saves. */
    private DataSize threshold = DataSize.ofBytes(DeflateOptions.DEFAULT_THRESHOLD);

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public DeflateMode getMode() {
        return this.mode;
    }

    public void setMode(DeflateMode mode) {
        this.mode = mode;
    }

    public int getSharedPoolCapacity() {
        return this.sharedPoolCapacity;
    }

    public void setSharedPoolCapacity(int sharedPoolCapacity) {
        this.sharedPoolCapacity = sharedPoolCapacity;
    }

    public boolean isServerNoContextTakeover() {
        return this.serverNoContextTakeover;
    }

    public void setServerNoContextTakeover(boolean serverNoContextTakeover) {
        this.serverNoContextTakeover = serverNoContextTakeover;
    }

    public boolean isClientNoContextTakeover() {
        return this.clientNoContextTakeover;
    }

    public void setClientNoContextTakeover(boolean clientNoContextTakeover) {
        this.clientNoContextTakeover = clientNoContextTakeover;
    }

    public DeflatePreset getPreset() {
        return this.preset;
    }

    public void setPreset(DeflatePreset preset) {
        this.preset = preset;
    }

    public int getMemoryLevel() {
        return this.memoryLevel;
    }

    public void setMemoryLevel(int memoryLevel) {
        this.memoryLevel = memoryLevel;
    }

    public int getServerMaxWindowBits() {
        return this.serverMaxWindowBits;
    }

    public void setServerMaxWindowBits(int serverMaxWindowBits) {
        this.serverMaxWindowBits = serverMaxWindowBits;
    }

    public int getClientMaxWindowBits() {
        return this.clientMaxWindowBits;
    }

    public void setClientMaxWindowBits(int clientMaxWindowBits) {
        this.clientMaxWindowBits = clientMaxWindowBits;
    }

    public int getLevel() {
        return this.level;
    }

    public void setLevel(int level) {
        this.level = level;
    }

    public DataSize getThreshold() {
        return this.threshold;
    }

    public void setThreshold(DataSize threshold) {
        this.threshold = threshold;
    }
}
