package io.wsstack.core.handshake;

import io.wsstack.core.extension.ExtensionOffer;

import java.util.List;
import java.util.Objects;

/**
 * A server's accepted answer to the client's opening handshake.
 *
 * <p>The extension list is the server's choice as sent, names checked against the offer; the
 * parameters of each (for example those of permessage-deflate, RFC 7692 §7.1) are for the extension
 * itself to validate.
 *
 * @param headLength         how many bytes the 101 head used; bytes after it are WebSocket frames
 * @param acceptedProtocol   the subprotocol the server chose, or {@code null} for none
 * @param acceptedExtensions the extensions in force, in the order the server listed them
 * @param headers            all response headers
 */
public record ClientHandshakeResult(int headLength, String acceptedProtocol, List<ExtensionOffer> acceptedExtensions,
        HttpHeaders headers) {

    public ClientHandshakeResult {
        acceptedExtensions = List.copyOf(acceptedExtensions);
        Objects.requireNonNull(headers, "headers");
    }
}
