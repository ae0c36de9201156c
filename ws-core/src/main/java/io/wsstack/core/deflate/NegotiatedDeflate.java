package io.wsstack.core.deflate;

import io.wsstack.core.Role;
import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.extension.MessageCompression;
import java.util.Objects;

/**
 * The permessage-deflate parameters both ends agreed to in one handshake (RFC 7692 §7.1), and the
 * factory of the connection's {@link MessageCompression}.
 *
 * <p>"Server" and "client" name directions, not ends: the server's parameters govern what the server
 * compresses and the client inflates, and the other way round. Which direction is "ours" depends on
 * the {@link Role} given to {@link #newCompression(Role)}.
 */
public final class NegotiatedDeflate {

    private final boolean serverNoContextTakeover;
    private final boolean clientNoContextTakeover;
    private final int serverMaxWindowBits;
    private final int clientMaxWindowBits;
    private final ExtensionOffer responseElement;
    private final CodecResources resources;
    private final int endpointServerWindowBits;

    NegotiatedDeflate(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                      int serverMaxWindowBits, int clientMaxWindowBits,
                      ExtensionOffer responseElement, CodecResources resources) {
        this(serverNoContextTakeover, clientNoContextTakeover, serverMaxWindowBits, clientMaxWindowBits,
                responseElement, resources, serverMaxWindowBits);
    }

    NegotiatedDeflate(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                      int serverMaxWindowBits, int clientMaxWindowBits,
                      ExtensionOffer responseElement, CodecResources resources, int endpointServerWindowBits) {
        this.endpointServerWindowBits = endpointServerWindowBits;
        this.serverNoContextTakeover = serverNoContextTakeover;
        this.clientNoContextTakeover = clientNoContextTakeover;
        this.serverMaxWindowBits = serverMaxWindowBits;
        this.clientMaxWindowBits = clientMaxWindowBits;
        this.responseElement = Objects.requireNonNull(responseElement, "responseElement");
        this.resources = Objects.requireNonNull(resources, "resources");
    }

    /** Whether the server resets its compression context after each message. */
    public boolean serverNoContextTakeover() {
        return serverNoContextTakeover;
    }

    /** Whether the client resets its compression context after each message. */
    public boolean clientNoContextTakeover() {
        return clientNoContextTakeover;
    }

    /** The largest window, as a power of two, the server compresses with (15 when not negotiated). */
    public int serverMaxWindowBits() {
        return serverMaxWindowBits;
    }

    /** The largest window, as a power of two, the client compresses with (15 when not negotiated). */
    public int clientMaxWindowBits() {
        return clientMaxWindowBits;
    }

    /**
     * Whether one compressed payload can serve this connection and every other connection of the
     * same endpoint for which this is true (the compress-once broadcast): the server resets its
     * context after every message, and compresses with the endpoint's own window. A client that asked
     * for a smaller {@code server_max_window_bits} (possible with the FFM zlib binding) may have an
     * inflater too small for a payload made with the endpoint's window, so its messages are
     * compressed by its own connection.
     */
    public boolean sharesStatelessEncoding() {
        return serverNoContextTakeover && serverMaxWindowBits == endpointServerWindowBits;
    }

    /**
     * The {@code permessage-deflate} element of the server's {@code Sec-WebSocket-Extensions}
     * response header: the one a server sends, or the one a client received.
     */
    public ExtensionOffer responseElement() {
        return responseElement;
    }

    /**
     * Creates the compression state of one connection. A {@link Role#SERVER} compresses under the
     * server parameters and inflates under the client parameters; a {@link Role#CLIENT} the reverse.
     * The caller must {@link MessageCompression#close() close} it when the connection ends.
     */
    public MessageCompression newCompression(Role role) {
        boolean oursNoContext = role == Role.SERVER ? serverNoContextTakeover : clientNoContextTakeover;
        boolean peersNoContext = role == Role.SERVER ? clientNoContextTakeover : serverNoContextTakeover;
        int oursBits = role == Role.SERVER ? serverMaxWindowBits : clientMaxWindowBits;
        int peersBits = role == Role.SERVER ? clientMaxWindowBits : serverMaxWindowBits;
        boolean shared = resources.mode == DeflateMode.SHARED;
        boolean pooled = resources.carriesWindows;
        // Pooled mode borrows per message in both directions; with context takeover the connection
        // keeps the window between messages (0 = nothing to carry).
        int oursWindow = pooled && !oursNoContext ? 1 << resources.deflateWindow(oursBits) : 0;
        int peersWindow = pooled && !peersNoContext ? 1 << resources.inflateWindow(peersBits) : 0;
        return new PerMessageDeflateCodec(resources.threshold,
                new MessageDeflater(resources.deflaters(oursBits), oursNoContext,
                        pooled || shared && oursNoContext, oursWindow),
                new MessageInflater(resources.inflaters(peersBits), peersNoContext,
                        pooled || shared && peersNoContext, peersWindow));
    }

    @Override
    public String toString() {
        return "NegotiatedDeflate[" + responseElement.toHeaderValue() + "]";
    }
}
