package io.wsstack.core.handshake;

import java.util.Objects;

/**
 * The status line and header fields of an HTTP response (RFC 9112 §4), as a client reads the
 * server's answer to its opening handshake.
 *
 * @param httpVersion  the protocol version as sent, such as {@code HTTP/1.1}
 * @param status       the three-digit status code
 * @param reasonPhrase the reason phrase, possibly empty
 * @param headers      the header fields
 */
public record HttpResponseHead(String httpVersion, int status, String reasonPhrase, HttpHeaders headers) {

    public HttpResponseHead {
        Objects.requireNonNull(httpVersion, "httpVersion");
        Objects.requireNonNull(reasonPhrase, "reasonPhrase");
        Objects.requireNonNull(headers, "headers");
    }
}
