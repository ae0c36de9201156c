package io.wsstack.core.deflate;

import static io.wsstack.core.deflate.DeflateParameters.CLIENT_MAX_WINDOW_BITS;
import static io.wsstack.core.deflate.DeflateParameters.CLIENT_NO_CONTEXT_TAKEOVER;
import static io.wsstack.core.deflate.DeflateParameters.EXTENSION_NAME;
import static io.wsstack.core.deflate.DeflateParameters.SERVER_MAX_WINDOW_BITS;
import static io.wsstack.core.deflate.DeflateParameters.SERVER_NO_CONTEXT_TAKEOVER;

import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.extension.ExtensionParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The server side of permessage-deflate negotiation (RFC 7692 §5 and §7.1): picks the first
 * acceptable {@code permessage-deflate} offer of a client and says what to answer.
 *
 * <p>Offers are tried in the client's order. One is declined, and the next tried, when it has an
 * unknown or repeated parameter, a value on a flag parameter, or a window bits value that is not a
 * plain decimal 8–15. Declining is the only answer to a bad offer; nothing here throws for client
 * input, so it can never become an HTTP 500 (Tomcat PR #1019 fixed exactly that).
 *
 * <p><b>Window sizes with the FFM zlib binding</b> (Java 22+, {@link DeflateResources#smallWindowsSupported()}):
 * <ul>
 *   <li>{@code server_max_window_bits=N} (§7.1.2.1) is accepted for every N of 8–15: the server
 *       compresses with {@code min(N, serverMaxWindowBits)} and answers exactly that value. Without
 *       the parameter in the offer the server still answers {@code server_max_window_bits} when its
 *       own window is below 15, which §7.1.2.1 allows and which lets the client size its inflater.</li>
 *   <li>{@code client_max_window_bits} (§7.1.2.2) is answered with
 *       {@code min(offered value or 15, clientMaxWindowBits)}, and the server's inflater gets that window.</li>
 *   <li><b>Window 8.</b> zlib refuses raw deflate with 8 window bits ({@code deflateInit2} returns
 *       {@code Z_STREAM_ERROR}) and uses 9 bits for the zlib format instead. Compressing with 9 when
 *       8 was promised is still correct here, for a reason inside zlib's deflate: a match may start at
 *       most {@code MAX_DIST = window - MIN_LOOKAHEAD = 512 - 262 = 250} bytes back, so a 9-bit
 *       compressor never refers further back than a 256-byte window reaches. The answer therefore
 *       says 8 and the peer's 256-byte inflater reads every message. This holds for zlib and zlib-ng,
 *       which share that rule; {@code FfmZlib} checks it once at start-up by inflating 9-bit output
 *       through an 8-bit inflater, and falls back to java.util.zip if it ever failed. Our own
 *       inflaters are never smaller than 9 bits, so peers that map 8 to 9 the way Node's zlib does are
 *       read however they compress.</li>
 * </ul>
 *
 * <p><b>With java.util.zip</b> (Java 17–21, or no usable zlib): offers with
 * {@code server_max_window_bits} below 15 are declined, since a promise to compress with a smaller
 * window than 32 KiB could not be kept; {@code client_max_window_bits} is always acceptable, since
 * inflating with the full window reads any smaller one; configured windows below 15 are ignored.
 *
 * <p>One instance serves every connection of an endpoint and is thread-safe. In
 * {@link DeflateMode#SHARED} mode it owns the deflater and inflater pools; {@link #close()} it when the
 * endpoint stops.
 */
public final class ServerDeflateNegotiator implements AutoCloseable {

    private final DeflateOptions options;
    private final CodecResources resources;

    private final boolean smallWindows;

    /**
     * Creates the negotiator of one endpoint. With java.util.zip a configured server window below 15
     * bits is ignored (the server compresses with 15 and never promises less).
     */
    public ServerDeflateNegotiator(DeflateOptions options) {
        this(options, DeflateResources.smallWindowsSupported());
    }

    /** For tests: negotiate as if the FFM binding were present or absent (codecs still use the real one). */
    ServerDeflateNegotiator(DeflateOptions options, boolean smallWindows) {
        this.options = Objects.requireNonNull(options, "options");
        this.smallWindows = smallWindows;
        this.resources = CodecResources.of(options);
    }

    /** The options this negotiator was built with. */
    public DeflateOptions options() {
        return options;
    }

    /**
     * Accepts the first acceptable {@code permessage-deflate} offer.
     *
     * @param offers the client's {@code Sec-WebSocket-Extensions}, as read by
     *               {@link io.wsstack.core.extension.ExtensionHeaderParser#parseLenient(String)};
     *               elements of other extensions are skipped
     * @return the agreement, whose {@link NegotiatedDeflate#responseElement()} goes into the response
     *         header, or empty when no offer is acceptable (then answer without permessage-deflate)
     */
    public Optional<NegotiatedDeflate> negotiate(List<ExtensionOffer> offers) {
        for (ExtensionOffer offer : offers) {
            if (!DeflateParameters.isPerMessageDeflate(offer)) {
                continue;
            }
            DeflateParameters offered;
            try {
                offered = DeflateParameters.parse(offer);
            } catch (DeflateNegotiationException declined) {
                continue;
            }
            if (!smallWindows && offered.serverMaxWindowBits() != 0
                    && offered.serverMaxWindowBits() < DeflateOptions.MAX_WINDOW_BITS) {
                continue; // java.util.zip cannot compress with a window smaller than 32 KiB
            }
            return Optional.of(accept(offered));
        }
        return Optional.empty();
    }

    private NegotiatedDeflate accept(DeflateParameters offered) {
        boolean shared = options.mode() == DeflateMode.SHARED;
        boolean serverNoContext = offered.serverNoContextTakeover() || options.serverNoContextTakeover() || shared;
        // Echoing the client's hint makes it binding, which lets us reset (or pool) our inflater safely.
        boolean clientNoContext = offered.clientNoContextTakeover() || options.clientNoContextTakeover() || shared;
        List<ExtensionParameter> response = new ArrayList<>(4);
        if (serverNoContext) {
            response.add(new ExtensionParameter(SERVER_NO_CONTEXT_TAKEOVER, null));
        }
        if (clientNoContext) {
            response.add(new ExtensionParameter(CLIENT_NO_CONTEXT_TAKEOVER, null));
        }
        int max = DeflateOptions.MAX_WINDOW_BITS;
        int offeredServerBits = offered.serverMaxWindowBits() != 0 ? offered.serverMaxWindowBits() : max;
        int serverBits = smallWindows ? Math.min(offeredServerBits, options.serverMaxWindowBits()) : max;
        if (offered.serverMaxWindowBits() != 0 || serverBits < max) {
            // RFC 7692 §7.1.2.1: the answer is never above the offered value (only 15 gets here
            // without the binding) and may be sent unasked to announce a smaller window.
            response.add(new ExtensionParameter(SERVER_MAX_WINDOW_BITS, Integer.toString(serverBits)));
        }
        int clientBits = offered.clientMaxWindowBits() != 0 ? offered.clientMaxWindowBits() : max;
        if (offered.clientMaxWindowBitsSent() && (smallWindows || options.clientMaxWindowBits().isPresent())) {
            // RFC 7692 §7.1.2.2: only allowed in the response when offered, never above the offered
            // value. With the binding it is always answered, so that the inflater's window is agreed.
            clientBits = Math.min(clientBits, options.clientMaxWindowBits().orElse(max));
            response.add(new ExtensionParameter(CLIENT_MAX_WINDOW_BITS, Integer.toString(clientBits)));
        } else if (!offered.clientMaxWindowBitsSent()) {
            clientBits = max; // the client may compress with any window
        }
        return new NegotiatedDeflate(serverNoContext, clientNoContext, serverBits, clientBits,
                new ExtensionOffer(EXTENSION_NAME, response), resources);
    }

    /** Ends the pooled deflaters and inflaters that are idle; connections still open end theirs on close. */
    @Override
    public void close() {
        resources.close();
    }
}
