package io.wsstack.core.handshake;

import io.wsstack.core.extension.ExtensionOffer;

import java.util.List;

/**
 * A server's acceptance of an opening handshake (RFC 6455 §4.2.2 step 5): status 101 and the
 * headers that complete the upgrade, in two forms: as status and headers for a servlet container
 * that writes the head itself, and as bytes for a server that writes to a socket.
 */
public final class HandshakeResponse {

    /** The status of an accepted upgrade: 101 Switching Protocols. */
    public static final int STATUS = 101;

    private final String selectedProtocol;
    private final List<ExtensionOffer> acceptedExtensions;
    private final HttpHeaders headers;

    HandshakeResponse(String selectedProtocol, List<ExtensionOffer> acceptedExtensions, HttpHeaders headers) {
        this.selectedProtocol = selectedProtocol;
        this.acceptedExtensions = List.copyOf(acceptedExtensions);
        this.headers = headers;
    }

    /** Always 101. */
    public int status() {
        return STATUS;
    }

    /** The subprotocol the server chose, or {@code null} when none. */
    public String selectedProtocol() {
        return selectedProtocol;
    }

    /** The extensions the server agreed to, in the order they apply. */
    public List<ExtensionOffer> acceptedExtensions() {
        return acceptedExtensions;
    }

    /**
     * The response headers in order: {@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-Accept},
     * then {@code Sec-WebSocket-Protocol} and {@code Sec-WebSocket-Extensions} when present, then the
     * caller's extra headers. A copy the caller may change.
     */
    public HttpHeaders headers() {
        return HttpHeaders.copyOf(headers);
    }

    /** The complete response head, {@code HTTP/1.1 101 Switching Protocols} through the empty line. */
    public byte[] toBytes() {
        return HttpResponseWriter.head(STATUS, headers);
    }
}
