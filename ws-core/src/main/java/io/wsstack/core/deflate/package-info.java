/**
 * permessage-deflate (RFC 7692): negotiation in both roles and the per-connection codec behind
 * {@link io.wsstack.core.extension.MessageCompression}.
 *
 * <p><b>Which zlib.</b> On Java 22+ compressors and decompressors come from the system's zlib through
 * the FFM API ({@code FfmZlib}, compiled separately with {@code --release 22} and loaded only there),
 * which honours window bits 8–15 and memory levels 1–9 ({@link io.wsstack.core.deflate.DeflatePreset}).
 * On Java 17–21, or when the system zlib is unusable (one WARNING log line says why), java.util.zip is
 * used: it always compresses with a 32 KiB (15-bit) window, so a server declines offers with
 * {@code server_max_window_bits} below 15, and a client fails a handshake whose response sets
 * {@code client_max_window_bits} below 15. Inflating has no such limit. The JVM flag
 * {@code --enable-native-access=ALL-UNNAMED} (or the {@code Enable-Native-Access: ALL-UNNAMED}
 * manifest attribute of an executable jar) silences the JDK's warning about the binding's native calls.
 *
 * <p>Entry points: {@link io.wsstack.core.deflate.ServerDeflateNegotiator} and
 * {@link io.wsstack.core.deflate.ClientDeflateNegotiator} produce a
 * {@link io.wsstack.core.deflate.NegotiatedDeflate}, whose
 * {@link io.wsstack.core.deflate.NegotiatedDeflate#newCompression newCompression(Role)} gives each
 * connection its codec. {@link io.wsstack.core.deflate.DeflateResources} counts live zlib streams.
 */
package io.wsstack.core.deflate;
