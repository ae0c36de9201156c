package io.wsstack.core.handshake;

import io.wsstack.core.extension.ExtensionHeaderParser;
import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.extension.MalformedExtensionHeaderException;
import io.wsstack.core.handshake.HandshakeFailedException.Reason;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One client upgrade request, ready to send, and the checks its answer must pass (RFC 6455 §4.1).
 *
 * <p>It remembers the key and the offers so that it can judge the response. Validating from bytes
 * is resumable: keep calling {@link #validate(ByteBuffer)} with new bytes until it returns a result.
 * One instance serves one connection attempt and is not thread-safe.
 */
public final class ClientHandshakeRequest {

    private final String requestTarget;
    private final HttpHeaders headers;
    private final String key;
    private final String expectedAccept;
    private final List<String> offeredProtocols;
    private final List<ExtensionOffer> offeredExtensions;
    private final byte[] bytes;
    private HttpHeadParser responseParser;

    ClientHandshakeRequest(String requestTarget, HttpHeaders headers, String key, List<String> offeredProtocols,
            List<ExtensionOffer> offeredExtensions) {
        this.requestTarget = requestTarget;
        this.headers = headers;
        this.key = key;
        this.expectedAccept = WebSocketAccept.compute(key);
        this.offeredProtocols = List.copyOf(offeredProtocols);
        this.offeredExtensions = List.copyOf(offeredExtensions);
        this.bytes = render(requestTarget, headers);
    }

    /** The complete request head, {@code GET ... HTTP/1.1} through the empty line; a fresh copy. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The request head as a read-only buffer over the same bytes, without copying. */
    public ByteBuffer toByteBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** The request target, such as {@code /chat?room=1}. */
    public String requestTarget() {
        return requestTarget;
    }

    /** The request headers in the order sent; a copy. */
    public HttpHeaders headers() {
        return HttpHeaders.copyOf(headers);
    }

    /** The {@code Sec-WebSocket-Key} sent. */
    public String key() {
        return key;
    }

    /** The {@code Sec-WebSocket-Accept} value the server must answer with. */
    public String expectedAccept() {
        return expectedAccept;
    }

    /** The subprotocols offered, most preferred first. */
    public List<String> offeredProtocols() {
        return offeredProtocols;
    }

    /** The extensions offered, most preferred first. */
    public List<ExtensionOffer> offeredExtensions() {
        return offeredExtensions;
    }

    /**
     * Reads response bytes from the buffer's position and, once the head is complete, validates it.
     *
     * <p>Returns {@code null} while the head is incomplete, having consumed all bytes given. The call
     * that completes the head leaves the buffer positioned just past it: what remains there is the
     * start of the WebSocket stream (frames may share a segment with the 101) and must be handed to
     * the connection in order.
     *
     * @throws HandshakeFailedException when the response fails a rule of RFC 6455 §4.1
     * @throws IllegalStateException    when a response was already read
     */
    public ClientHandshakeResult validate(ByteBuffer response) {
        if (responseParser == null) {
            responseParser = new HttpHeadParser();
        }
        HttpResponseHead head;
        try {
            head = responseParser.parseResponse(response);
        } catch (MalformedHttpHeadException e) {
            throw new HandshakeFailedException(Reason.MALFORMED_RESPONSE, -1,
                    "Response head is not valid HTTP/1.1: " + e.getMessage());
        }
        return head == null ? null : check(head, responseParser.headLength());
    }

    /**
     * Validates a response head already parsed elsewhere; the result's head length is -1.
     *
     * @throws HandshakeFailedException when the response fails a rule of RFC 6455 §4.1
     */
    public ClientHandshakeResult validate(HttpResponseHead head) {
        return check(head, -1);
    }

    /** The rules of RFC 6455 §4.1 in the order the RFC lists them. */
    private ClientHandshakeResult check(HttpResponseHead head, int headLength) {
        int status = head.status();
        HttpHeaders h = head.headers();
        if (!HttpVersion.isAtLeast11(head.httpVersion())) {
            throw fail(Reason.MALFORMED_RESPONSE, status, "Response is not HTTP/1.1 or later");
        }
        if (status != 101) {
            throw new HandshakeFailedException(Reason.NOT_101, status,
                    "Server answered " + status + " instead of 101 (RFC 6455 §4.1)", h);
        }
        List<String> upgrade = h.all("Upgrade");
        if (upgrade.size() != 1 || !"websocket".equalsIgnoreCase(upgrade.get(0))) {
            throw fail(Reason.MISSING_UPGRADE, status, "Response lacks 'Upgrade: websocket' (RFC 6455 §4.1)");
        }
        if (!h.containsToken("Connection", "Upgrade")) {
            throw fail(Reason.MISSING_CONNECTION_UPGRADE, status, "Response Connection header lacks 'Upgrade' (RFC 6455 §4.1)");
        }
        List<String> accept = h.all("Sec-WebSocket-Accept");
        if (accept.size() != 1 || !expectedAccept.equals(accept.get(0))) {
            throw fail(Reason.BAD_ACCEPT, status, accept.isEmpty()
                    ? "Response lacks Sec-WebSocket-Accept (RFC 6455 §4.1)"
                    : "Sec-WebSocket-Accept does not match the key sent (RFC 6455 §4.1)");
        }
        List<ExtensionOffer> extensions = acceptedExtensions(h, status);
        String protocol = acceptedProtocol(h, status);
        return new ClientHandshakeResult(headLength, protocol, extensions, h);
    }

    private List<ExtensionOffer> acceptedExtensions(HttpHeaders h, int status) {
        List<String> lines = h.all("Sec-WebSocket-Extensions");
        if (lines.isEmpty()) {
            return List.of();
        }
        List<ExtensionOffer> accepted;
        try {
            accepted = ExtensionHeaderParser.parseStrict(String.join(",", lines));
        } catch (MalformedExtensionHeaderException e) {
            throw fail(Reason.MALFORMED_EXTENSIONS, status, e.getMessage() + " (RFC 6455 §9.1)");
        }
        for (ExtensionOffer extension : accepted) {
            if (!wasOffered(extension.name())) {
                throw fail(Reason.UNOFFERED_EXTENSION, status,
                        "Server accepted extension '" + extension.name() + "' that was not offered (RFC 6455 §4.1)");
            }
        }
        return accepted;
    }

    private String acceptedProtocol(HttpHeaders h, int status) {
        List<String> lines = h.all("Sec-WebSocket-Protocol");
        if (lines.isEmpty()) {
            return null;
        }
        if (lines.size() > 1 || !HttpHeaders.isToken(lines.get(0))) {
            throw fail(Reason.MALFORMED_SUBPROTOCOL, status,
                    "Sec-WebSocket-Protocol in a response must name exactly one protocol (RFC 6455 §4.1)");
        }
        String protocol = lines.get(0);
        if (!offeredProtocols.contains(protocol)) {
            throw fail(Reason.UNOFFERED_SUBPROTOCOL, status, offeredProtocols.isEmpty()
                    ? "Server selected a subprotocol although none was offered (RFC 6455 §4.1)"
                    : "Server selected subprotocol '" + protocol + "' that was not offered (RFC 6455 §4.1)");
        }
        return protocol;
    }

    private boolean wasOffered(String extensionName) {
        for (ExtensionOffer offer : offeredExtensions) {
            if (offer.name().equalsIgnoreCase(extensionName)) {
                return true;
            }
        }
        return false;
    }

    private static HandshakeFailedException fail(Reason reason, int status, String message) {
        return new HandshakeFailedException(reason, status, message);
    }

    private static byte[] render(String target, HttpHeaders headers) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("GET ").append(target).append(" HTTP/1.1\r\n");
        headers.forEach((name, value) -> sb.append(name).append(": ").append(value).append("\r\n"));
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
