/**
 * permessage-deflate (RFC 7692): negotiation in both roles and the per-connection codec behind
 * {@link io.wsstack.core.extension.MessageCompression}.
 *
 * <p><b>Window size limitation.</b> {@code java.util.zip.Deflater} always compresses with a
 * 32 KiB (15-bit) window. A server therefore declines offers with {@code server_max_window_bits}
 * below 15, and a client fails a handshake whose response sets {@code client_max_window_bits} below
 * 15. Inflating has no such limit: a full-window inflater reads data made with any window.
 *
 * <p>Entry points: {@link io.wsstack.core.deflate.ServerDeflateNegotiator} and
 * {@link io.wsstack.core.deflate.ClientDeflateNegotiator} produce a
 * {@link io.wsstack.core.deflate.NegotiatedDeflate}, whose
 * {@link io.wsstack.core.deflate.NegotiatedDeflate#newCompression newCompression(Role)} gives each
 * connection its codec. {@link io.wsstack.core.deflate.DeflateResources} counts live zlib streams.
 */
package io.wsstack.core.deflate;
