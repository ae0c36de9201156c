package io.wsstack.autoconfigure;

import org.springframework.util.unit.DataSize;

/**
 * {@code ws.deflate.*}: the permessage-deflate extension (RFC 7692) the server accepts when a
 * client offers it.
 */
public class WsDeflateProperties {

    /** Whether permessage-deflate is negotiated at all. */
    private boolean enabled = true;

    /**
     * Compressor ownership: "dedicated" keeps one deflater and inflater per session (context
     * takeover works, more memory); "shared" borrows them per message (less memory, no context takeover on the server side).
     */
    private Mode mode = Mode.DEDICATED;

    /** Whether the server resets its compression context after every message (RFC 7692 §7.1.1.1). */
    private boolean serverNoContextTakeover;

    /** Whether the client is asked to reset its compression context after every message (RFC 7692 §7.1.1.2). */
    private boolean clientNoContextTakeover;

    /** Largest LZ77 window the server compresses with, as a power of two (RFC 7692 §7.1.2.1). 8 to 15. */
    private int serverMaxWindowBits = 15;

    /** Largest LZ77 window the client may compress with, as a power of two (RFC 7692 §7.1.2.2). 8 to 15. */
    private int clientMaxWindowBits = 15;

    /** Deflate compression level, 0 (store only) to 9 (smallest output). */
    private int level = 6;

    /** Messages smaller than this are sent uncompressed, where compressing costs more than it saves. */
    private DataSize threshold = DataSize.ofBytes(64);

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Mode getMode() {
        return this.mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
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

    /** Who owns the deflate and inflate state of a session. */
    public enum Mode {
        /** One deflater and inflater per session, kept for its whole life. */
        DEDICATED,
        /** Compressors borrowed from a pool for each message and returned after it. */
        SHARED
    }
}
