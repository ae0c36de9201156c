package io.wsstack.core.deflate;

import static io.wsstack.core.deflate.DeflateParameters.CLIENT_MAX_WINDOW_BITS;
import static io.wsstack.core.deflate.DeflateParameters.CLIENT_NO_CONTEXT_TAKEOVER;
import static io.wsstack.core.deflate.DeflateParameters.EXTENSION_NAME;
import static io.wsstack.core.deflate.DeflateParameters.SERVER_MAX_WINDOW_BITS;
import static io.wsstack.core.deflate.DeflateParameters.SERVER_NO_CONTEXT_TAKEOVER;

import io.wsstack.core.deflate.DeflateNegotiationException.Reason;
import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.extension.ExtensionParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The client side of permessage-deflate negotiation (RFC 7692 §5 and §7.1): builds the offers for
 * {@code Sec-WebSocket-Extensions} and checks the server's answer against them.
 *
 * <p>A response is refused with a {@link DeflateNegotiationException} (and the handshake must fail,
 * RFC 7692 §5) when it has more than one {@code permessage-deflate} element, an unknown or repeated
 * parameter, a value on a flag, a window bits value that is not a plain decimal 8–15,
 * {@code client_max_window_bits} that was not offered (§7.1.2.2) or without a value, or
 * {@code server_max_window_bits} above the offered value.
 *
 * <p>With the FFM zlib binding (Java 22+) every {@code client_max_window_bits} of 8–15 in the answer is
 * honoured: the client compresses with {@code min(answer, clientMaxWindowBits)} (8 is compressed with
 * 9 bits, which a 256-byte inflater reads; see {@link ServerDeflateNegotiator}) and inflates with the
 * answered {@code server_max_window_bits}. With java.util.zip a {@code client_max_window_bits} below 15
 * is refused ({@link Reason#UNSUPPORTED_WINDOW}): it always compresses with a 32 KiB window and the
 * client cannot decline after the server accepted, so failing is the only honest answer; such a client
 * never offers a value below 15.
 *
 * <p>An unsolicited {@code server_no_context_takeover} is accepted (the server may add it, §7.1.1.1):
 * the inflater then resets after every message, following the server's setting.
 *
 * <p>Thread-safe; one instance can serve many connections. In {@link DeflateMode#SHARED} mode it
 * owns the deflater and inflater pools; {@link #close()} it when no longer needed.
 */
public final class ClientDeflateNegotiator implements AutoCloseable {

    private final DeflateOptions options;
    private final CodecResources resources;
    private final List<ExtensionOffer> offers;
    private final DeflateParameters primary;

    private final boolean smallWindows;

    /**
     * Creates the negotiator.
     *
     * @throws IllegalArgumentException if {@code options} set a client window below 15 bits and only
     *                                  java.util.zip is available, which cannot compress with it
     */
    public ClientDeflateNegotiator(DeflateOptions options) {
        this(options, DeflateResources.smallWindowsSupported());
    }

    /** For tests: negotiate as if the FFM binding were present or absent (codecs still use the real one). */
    ClientDeflateNegotiator(DeflateOptions options, boolean smallWindows) {
        this.options = Objects.requireNonNull(options, "options");
        this.smallWindows = smallWindows;
        if (!smallWindows
                && options.clientMaxWindowBits().orElse(DeflateOptions.MAX_WINDOW_BITS) != DeflateOptions.MAX_WINDOW_BITS) {
            throw new IllegalArgumentException("clientMaxWindowBits must be 15 for a client: "
                    + "java.util.zip.Deflater always compresses with a 32 KiB window");
        }
        boolean shared = options.mode() == DeflateMode.SHARED;
        this.primary = new DeflateParameters(
                options.serverNoContextTakeover() || shared,
                options.clientNoContextTakeover() || shared,
                options.serverMaxWindowBits() < DeflateOptions.MAX_WINDOW_BITS ? options.serverMaxWindowBits() : 0,
                options.offerClientMaxWindowBits(),
                options.offerClientMaxWindowBits() ? options.clientMaxWindowBits().orElse(0) : 0);
        this.offers = buildOffers(primary, options.fallbackOffer());
        this.resources = CodecResources.of(options);
    }

    private static List<ExtensionOffer> buildOffers(DeflateParameters p, boolean fallback) {
        List<ExtensionParameter> params = new ArrayList<>(4);
        if (p.serverNoContextTakeover()) {
            params.add(new ExtensionParameter(SERVER_NO_CONTEXT_TAKEOVER, null));
        }
        if (p.clientNoContextTakeover()) {
            params.add(new ExtensionParameter(CLIENT_NO_CONTEXT_TAKEOVER, null));
        }
        if (p.serverMaxWindowBits() != 0) {
            params.add(new ExtensionParameter(SERVER_MAX_WINDOW_BITS, Integer.toString(p.serverMaxWindowBits())));
        }
        if (p.clientMaxWindowBitsSent()) {
            params.add(new ExtensionParameter(CLIENT_MAX_WINDOW_BITS,
                    p.clientMaxWindowBits() == 0 ? null : Integer.toString(p.clientMaxWindowBits())));
        }
        ExtensionOffer first = new ExtensionOffer(EXTENSION_NAME, params);
        if (fallback && !params.isEmpty()) {
            return List.of(first, ExtensionOffer.of(EXTENSION_NAME));
        }
        return List.of(first);
    }

    /** The options this negotiator was built with. */
    public DeflateOptions options() {
        return options;
    }

    /** The elements to send in {@code Sec-WebSocket-Extensions}, most preferred first. */
    public List<ExtensionOffer> offers() {
        return offers;
    }

    /**
     * Checks the server's {@code Sec-WebSocket-Extensions} response.
     *
     * @param response the response elements, as read by
     *                 {@link io.wsstack.core.extension.ExtensionHeaderParser#parseStrict(String)};
     *                 elements of other extensions are skipped (the handshake checks that each was offered)
     * @return the agreement, or empty when the server did not accept permessage-deflate
     * @throws DeflateNegotiationException when the response breaks RFC 7692 §7.1 or asks for something
     *                                     this client cannot do; the handshake must then fail
     */
    public Optional<NegotiatedDeflate> accept(List<ExtensionOffer> response) {
        ExtensionOffer element = null;
        for (ExtensionOffer e : response) {
            if (DeflateParameters.isPerMessageDeflate(e)) {
                if (element != null) {
                    throw new DeflateNegotiationException(Reason.DUPLICATE_EXTENSION,
                            "more than one permessage-deflate element in the response");
                }
                element = e;
            }
        }
        if (element == null) {
            return Optional.empty();
        }
        DeflateParameters answered = DeflateParameters.parse(element);
        int clientBits = checkClientWindow(answered);
        int serverBits = answered.serverMaxWindowBits() != 0 ? answered.serverMaxWindowBits() : DeflateOptions.MAX_WINDOW_BITS;
        boolean serverLimitBinding = primary.serverMaxWindowBits() != 0 && offers.size() == 1;
        if (serverLimitBinding && serverBits > primary.serverMaxWindowBits()) {
            throw new DeflateNegotiationException(Reason.VALUE_ABOVE_OFFER, "server_max_window_bits="
                    + serverBits + " is above the offered " + primary.serverMaxWindowBits());
        }
        // Resetting our own deflater is always safe for the peer, so our own wish counts too.
        boolean clientNoContext = answered.clientNoContextTakeover() || primary.clientNoContextTakeover();
        return Optional.of(new NegotiatedDeflate(answered.serverNoContextTakeover(), clientNoContext,
                serverBits, clientBits, element, resources));
    }

    private int checkClientWindow(DeflateParameters answered) {
        if (!answered.clientMaxWindowBitsSent()) {
            return smallWindows ? options.clientMaxWindowBits().orElse(DeflateOptions.MAX_WINDOW_BITS)
                    : DeflateOptions.MAX_WINDOW_BITS;
        }
        if (!primary.clientMaxWindowBitsSent()) {
            throw new DeflateNegotiationException(Reason.UNSOLICITED_PARAMETER,
                    "client_max_window_bits in the response but not in the offer");
        }
        if (answered.clientMaxWindowBits() == 0) {
            throw new DeflateNegotiationException(Reason.MISSING_VALUE,
                    "client_max_window_bits without a value in the response");
        }
        if (answered.clientMaxWindowBits() > primary.clientMaxWindowBits() && primary.clientMaxWindowBits() != 0
                && offers.size() == 1) {
            throw new DeflateNegotiationException(Reason.VALUE_ABOVE_OFFER, "client_max_window_bits="
                    + answered.clientMaxWindowBits() + " is above the offered " + primary.clientMaxWindowBits());
        }
        if (smallWindows) {
            // Compressing with less than the limit is always allowed; our own setting may be smaller.
            return Math.min(answered.clientMaxWindowBits(),
                    options.clientMaxWindowBits().orElse(DeflateOptions.MAX_WINDOW_BITS));
        }
        if (answered.clientMaxWindowBits() < DeflateOptions.MAX_WINDOW_BITS) {
            throw new DeflateNegotiationException(Reason.UNSUPPORTED_WINDOW, "client_max_window_bits="
                    + answered.clientMaxWindowBits() + " cannot be honoured: java.util.zip compresses with a 32 KiB window");
        }
        return answered.clientMaxWindowBits();
    }

    /** Ends the pooled deflaters and inflaters that are idle; connections still open end theirs on close. */
    @Override
    public void close() {
        resources.close();
    }
}
