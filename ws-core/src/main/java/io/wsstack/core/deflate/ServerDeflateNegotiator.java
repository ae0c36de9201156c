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
 * unknown or repeated parameter, a value on a flag parameter, a window bits value that is not a plain
 * decimal 8–15, or {@code server_max_window_bits} below 15: java.util.zip always compresses with a
 * 32 KiB window, so a promise to use a smaller one could not be kept. {@code client_max_window_bits}
 * is always acceptable, since inflating with the full window reads any smaller one. Declining is the
 * only answer to a bad offer; nothing here throws for client input, so it can never become an HTTP 500
 * (Tomcat PR #1019 fixed exactly that).
 *
 * <p>One instance serves every connection of an endpoint and is thread-safe. In
 * {@link DeflateMode#SHARED} mode it owns the deflater and inflater pools; {@link #close()} it when the
 * endpoint stops.
 */
public final class ServerDeflateNegotiator implements AutoCloseable {

    private final DeflateOptions options;
    private final CodecResources resources;

    /**
     * Creates the negotiator of one endpoint.
     *
     * @throws IllegalArgumentException if {@code options} ask for a server window below 15 bits,
     *                                  which java.util.zip cannot compress with
     */
    public ServerDeflateNegotiator(DeflateOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        if (options.serverMaxWindowBits() != DeflateOptions.MAX_WINDOW_BITS) {
            throw new IllegalArgumentException("serverMaxWindowBits must be 15 for a server: "
                    + "java.util.zip.Deflater always compresses with a 32 KiB window");
        }
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
            if (offered.serverMaxWindowBits() != 0
                    && offered.serverMaxWindowBits() < DeflateOptions.MAX_WINDOW_BITS) {
                continue; // we cannot compress with a window smaller than 32 KiB
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
        if (offered.serverMaxWindowBits() != 0) {
            // Only 15 gets here; RFC 7692 §7.1.2.1 accepts the offer by echoing the value.
            response.add(new ExtensionParameter(SERVER_MAX_WINDOW_BITS, Integer.toString(offered.serverMaxWindowBits())));
        }
        int clientBits = offered.clientMaxWindowBits() != 0 ? offered.clientMaxWindowBits() : DeflateOptions.MAX_WINDOW_BITS;
        if (offered.clientMaxWindowBitsSent() && options.clientMaxWindowBits().isPresent()) {
            // RFC 7692 §7.1.2.2: only allowed in the response when offered, never above the offered value.
            clientBits = Math.min(clientBits, options.clientMaxWindowBits().getAsInt());
            response.add(new ExtensionParameter(CLIENT_MAX_WINDOW_BITS, Integer.toString(clientBits)));
        }
        return new NegotiatedDeflate(serverNoContext, clientNoContext, DeflateOptions.MAX_WINDOW_BITS, clientBits,
                new ExtensionOffer(EXTENSION_NAME, response), resources);
    }

    /** Ends the pooled deflaters and inflaters that are idle; connections still open end theirs on close. */
    @Override
    public void close() {
        resources.close();
    }
}
