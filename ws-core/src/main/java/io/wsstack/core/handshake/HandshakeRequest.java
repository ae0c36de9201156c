package io.wsstack.core.handshake;

import java.util.Objects;

/**
 * The parts of an HTTP request that the opening handshake looks at (RFC 6455 §4.1, §4.2.1).
 *
 * <p>A raw-socket server gets one from {@link HttpHeadParser#parseRequest}; the servlet transport
 * builds one from its {@code HttpServletRequest}, copying each header line with
 * {@link HttpHeaders#add}. That method refuses control characters with an
 * {@link IllegalArgumentException}, which such a transport answers with 400.
 *
 * @param method        the request method, such as {@code GET} (case-sensitive, RFC 9110 §9.1)
 * @param requestTarget the request target as sent, such as {@code /chat?room=1}
 * @param httpVersion   the protocol version as sent, such as {@code HTTP/1.1}
 * @param headers       the header fields
 */
public record HandshakeRequest(String method, String requestTarget, String httpVersion, HttpHeaders headers) {

    public HandshakeRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(requestTarget, "requestTarget");
        Objects.requireNonNull(httpVersion, "httpVersion");
        Objects.requireNonNull(headers, "headers");
    }

    /**
     * Whether {@link #httpVersion()} reads {@code HTTP/major[.minor]} with a version of at least 1.1,
     * the first to define the Upgrade mechanism that the handshake relies on (RFC 6455 §4.1).
     */
    public boolean isHttp11OrLater() {
        return HttpVersion.isAtLeast11(httpVersion);
    }
}
