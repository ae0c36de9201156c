package io.wsstack.core.handshake;

import io.wsstack.core.extension.ExtensionHeaderParser;
import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.extension.MalformedExtensionHeaderException;

import java.util.List;
import java.util.Optional;

/**
 * The server's side of the opening handshake: checks a client's upgrade request against
 * RFC 6455 §4.2.1 and, once the application has chosen a subprotocol and extensions, builds the
 * 101 response of §4.2.2.
 *
 * <p>{@link #parse} applies the rules in this order and refuses at the first one broken:
 * <ol>
 *   <li>the method is {@code GET} (§4.2.1 item 1), else 400. The answer is 400 rather than 405 because
 *       the request is a malformed upgrade, not a resource that supports other methods;</li>
 *   <li>the version is HTTP/1.1 or later (§4.2.1 item 1), else 400;</li>
 *   <li>exactly one non-empty {@code Host} (§4.2.1 item 2, RFC 9112 §3.2), else 400;</li>
 *   <li>{@code Upgrade} lists {@code websocket}, any case (§4.2.1 item 3), else 400;</li>
 *   <li>{@code Connection} lists {@code Upgrade}, any case, among other tokens (§4.2.1 item 4), else 400;</li>
 *   <li>exactly one {@code Sec-WebSocket-Version} reading {@code 13} (§4.2.1 item 6), else 426 with
 *       {@code Sec-WebSocket-Version: 13} (§4.2.2 step 4 /version/, §4.4). It is checked before the key so that a
 *       client of an older draft learns which version to retry with;</li>
 *   <li>exactly one {@code Sec-WebSocket-Key} that is base64 of 16 bytes (§4.2.1 item 5), else 400;</li>
 *   <li>{@code Sec-WebSocket-Protocol}, if present, is a list of distinct tokens at most 4096 characters
 *       long (§4.2.1 item 8, §4.1 item 10), else 400;</li>
 *   <li>{@code Sec-WebSocket-Extensions} (§4.2.1 item 9), if present, is at most
 *       {@link ExtensionHeaderParser#MAX_HEADER_LENGTH} characters, else 400. Elements that break the
 *       grammar are dropped (declined), not refused (§9.1).</li>
 * </ol>
 * {@code Origin} is exposed but not judged here: whether an origin is allowed is policy, applied by
 * the caller (answering 403, RFC 6455 §4.2.2 step 4 /origin/, §10.2).
 */
public final class ServerHandshake {

    /** The only protocol version this implementation speaks (RFC 6455 §4.1 item 9). */
    public static final String SUPPORTED_VERSION = "13";

    private final HandshakeRequest request;
    private final String key;
    private final List<String> requestedProtocols;
    private final List<ExtensionOffer> extensionOffers;

    private ServerHandshake(HandshakeRequest request, String key, List<String> requestedProtocols,
            List<ExtensionOffer> extensionOffers) {
        this.request = request;
        this.key = key;
        this.requestedProtocols = requestedProtocols;
        this.extensionOffers = extensionOffers;
    }

    /**
     * Validates an upgrade request (RFC 6455 §4.2.1).
     *
     * @throws HandshakeRejectedException with the status to answer (400 or 426) and the reason
     */
    public static ServerHandshake parse(HandshakeRequest request) {
        HttpHeaders headers = request.headers();
        if (!"GET".equals(request.method())) {
            throw HandshakeRejectedException.badRequest("The WebSocket handshake must use GET (RFC 6455 §4.2.1)");
        }
        if (!request.isHttp11OrLater()) {
            throw HandshakeRejectedException.badRequest("The WebSocket handshake needs HTTP/1.1 or later (RFC 6455 §4.2.1)");
        }
        List<String> hosts = headers.all("Host");
        if (hosts.size() != 1 || hosts.get(0).isEmpty()) {
            throw HandshakeRejectedException.badRequest("Exactly one non-empty Host header is required (RFC 6455 §4.2.1)");
        }
        if (!headers.containsToken("Upgrade", "websocket")) {
            throw HandshakeRejectedException.badRequest("Upgrade header must list 'websocket' (RFC 6455 §4.2.1)");
        }
        if (!headers.containsToken("Connection", "Upgrade")) {
            throw HandshakeRejectedException.badRequest("Connection header must list 'Upgrade' (RFC 6455 §4.2.1)");
        }
        List<String> versions = headers.all("Sec-WebSocket-Version");
        if (versions.size() != 1 || !SUPPORTED_VERSION.equals(versions.get(0))) {
            throw new HandshakeRejectedException(426,
                    "Only WebSocket version 13 is supported (RFC 6455 §4.2.2)");
        }
        List<String> keys = headers.all("Sec-WebSocket-Key");
        if (keys.size() != 1) {
            throw HandshakeRejectedException.badRequest(keys.isEmpty()
                    ? "Sec-WebSocket-Key header is missing (RFC 6455 §4.2.1)"
                    : "Sec-WebSocket-Key header must appear once (RFC 6455 §4.2.1)");
        }
        String key = keys.get(0);
        if (!WebSocketAccept.isValidKey(key)) {
            throw HandshakeRejectedException.badRequest(
                    "Sec-WebSocket-Key must be base64 of 16 bytes (RFC 6455 §4.2.1)");
        }
        List<String> protocols;
        try {
            protocols = SubprotocolHeader.parse(headers.all("Sec-WebSocket-Protocol"));
        } catch (IllegalArgumentException e) {
            throw HandshakeRejectedException.badRequest(e.getMessage() + " (RFC 6455 §4.2.1)");
        }
        List<ExtensionOffer> offers;
        try {
            offers = List.copyOf(ExtensionHeaderParser.parseLenient(headers.all("Sec-WebSocket-Extensions")));
        } catch (MalformedExtensionHeaderException e) {
            throw HandshakeRejectedException.badRequest(e.getMessage() + " (RFC 6455 §9.1)");
        }
        return new ServerHandshake(request, key, protocols, offers);
    }

    /** The request this handshake was read from. */
    public HandshakeRequest request() {
        return request;
    }

    /** The client's {@code Sec-WebSocket-Key}, as sent. */
    public String key() {
        return key;
    }

    /** The {@code Sec-WebSocket-Accept} value that answers {@link #key()}. */
    public String acceptKey() {
        return WebSocketAccept.compute(key);
    }

    /** The {@code Origin} header (RFC 6455 §4.2.1 item 7, RFC 6454), or {@code null} if absent. */
    public String origin() {
        return request.headers().first("Origin");
    }

    /** The subprotocols the client asked for, most preferred first (RFC 6455 §4.1 item 10). */
    public List<String> requestedProtocols() {
        return requestedProtocols;
    }

    /** The extensions the client offered, in its order of preference; malformed elements left out. */
    public List<ExtensionOffer> extensionOffers() {
        return extensionOffers;
    }

    /**
     * The first protocol in the client's list that {@code supported} contains, compared exactly.
     *
     * <p>The client's order wins because RFC 6455 §4.1 item 10 has it list protocols by preference;
     * a server that prefers its own order can pick from {@link #requestedProtocols()} itself.
     * Subprotocol names are compared case-sensitively: the RFC defines no case folding for them.
     */
    public Optional<String> selectProtocol(List<String> supported) {
        for (String protocol : requestedProtocols) {
            if (supported.contains(protocol)) {
                return Optional.of(protocol);
            }
        }
        return Optional.empty();
    }

    /**
     * Accepts the upgrade (RFC 6455 §4.2.2 step 5).
     *
     * @param selectedProtocol   one of {@link #requestedProtocols()}, or {@code null} for none
     * @param acceptedExtensions the extensions in force, each named in {@link #extensionOffers()}; its
     *                           parameters are the server's response parameters (RFC 6455 §9.1)
     * @param extra              further headers (for example {@code Set-Cookie}), or {@code null};
     *                           it may not set the handshake's own headers
     * @throws IllegalArgumentException if the protocol or an extension was not offered, or
     *                                  {@code extra} names a handshake header
     */
    public HandshakeResponse accept(String selectedProtocol, List<ExtensionOffer> acceptedExtensions, HttpHeaders extra) {
        if (selectedProtocol != null && !requestedProtocols.contains(selectedProtocol)) {
            throw new IllegalArgumentException("subprotocol was not requested by the client: " + selectedProtocol);
        }
        for (ExtensionOffer accepted : acceptedExtensions) {
            if (!isOffered(accepted.name())) {
                throw new IllegalArgumentException("extension was not offered by the client: " + accepted.name());
            }
        }
        HttpHeaders headers = new HttpHeaders()
                .add("Upgrade", "websocket")
                .add("Connection", "Upgrade")
                .add("Sec-WebSocket-Accept", acceptKey());
        if (selectedProtocol != null) {
            headers.add("Sec-WebSocket-Protocol", selectedProtocol);
        }
        if (!acceptedExtensions.isEmpty()) {
            headers.add("Sec-WebSocket-Extensions", ExtensionOffer.toHeaderValue(acceptedExtensions));
        }
        if (extra != null) {
            extra.forEach((name, value) -> {
                if (HandshakeHeaders.isReserved(name)) {
                    throw new IllegalArgumentException("header is set by the handshake itself: " + name);
                }
                headers.add(name, value);
            });
        }
        return new HandshakeResponse(selectedProtocol, acceptedExtensions, headers);
    }

    /** Shorthand for {@code new HandshakeRejectedException(status, reason).toResponseBytes()}. */
    public static byte[] rejectionBytes(int status, String reason) {
        return new HandshakeRejectedException(status, reason).toResponseBytes();
    }

    private boolean isOffered(String extensionName) {
        for (ExtensionOffer offer : extensionOffers) {
            if (offer.name().equalsIgnoreCase(extensionName)) {
                return true;
            }
        }
        return false;
    }
}
