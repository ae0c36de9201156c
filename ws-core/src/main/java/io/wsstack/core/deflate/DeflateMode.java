package io.wsstack.core.deflate;

/**
 * Where the {@code Deflater}/{@code Inflater} of a compressed connection come from.
 *
 * <p>zlib keeps a 32 KiB window plus hash tables per compressor (roughly 256 KiB of native memory at
 * the default level) and a 32 KiB window per decompressor, so with many idle connections the
 * choice matters more than the compression ratio.
 */
public enum DeflateMode {

    /**
     * Each connection owns one deflater and one inflater for its whole life. Context takeover
     * (RFC 7692 §7.1.1) can be used in both directions, which compresses small similar messages best.
     */
    DEDICATED,

    /**
     * A message borrows a deflater or inflater from a bounded pool shared by all connections of an
     * endpoint and returns it when the message ends, so an idle connection holds none. This needs
     * "no context takeover" in both directions; a server in this mode always puts
     * {@code server_no_context_takeover} and {@code client_no_context_takeover} in its response
     * (RFC 7692 §7.1.1.1 and §7.1.1.2 allow it), and a client offers both.
     */
    SHARED
}
