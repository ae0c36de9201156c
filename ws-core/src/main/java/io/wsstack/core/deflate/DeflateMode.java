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
    SHARED,

    /**
     * Context takeover as in {@link #DEDICATED}, at a fraction of its memory: a message borrows a
     * zlib stream from the endpoint's bounded pool, and between messages the connection keeps only
     * its sliding windows (the last 2<sup>bits</sup> bytes each way: 512 bytes each at
     * {@code dedicated-3kb}'s 9 bits) on the heap instead of two zlib states. The window is handed
     * to the borrowed stream as zlib's dictionary, so the peer sees exactly the bytes context
     * takeover produces, and the few pooled states stay in the CPU cache. Negotiates like
     * {@code DEDICATED}. Needs the system's zlib through FFM (Java 22+, zlib 1.2.9+); with
     * java.util.zip it falls back to {@code DEDICATED}, since java.util.zip cannot read a window back.
     */
    POOLED
}
