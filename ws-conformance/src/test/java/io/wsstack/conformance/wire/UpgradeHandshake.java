package io.wsstack.conformance.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The raw client's side of the opening handshake (RFC 6455 §4.1), written from the RFC: the
 * upgrade request, the response head read byte by byte (so no frame byte behind it is consumed),
 * and the expected {@code Sec-WebSocket-Accept}.
 */
final class UpgradeHandshake {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private UpgradeHandshake() {
    }

    /** A response head: the status and the header fields (names lower-cased, repeats joined with ", "). */
    record ResponseHead(int status, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** The upgrade request for {@code path}, with an optional extension offer and extra header lines. */
    static byte[] request(InetSocketAddress address, String path, String key, String extensions, String extraHeaders) {
        StringBuilder request = new StringBuilder()
                .append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(address.getHostString()).append(':').append(address.getPort()).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        if (extensions != null) {
            request.append("Sec-WebSocket-Extensions: ").append(extensions).append("\r\n");
        }
        return request.append(extraHeaders).append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Reads one response head up to and including its empty line, and nothing more. */
    static ResponseHead readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0; // how much of CR LF CR LF has been seen
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the handshake response");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        return new ResponseHead(Integer.parseInt(lines[0].split(" ")[1]), headers);
    }

    /** Base64 of the SHA-1 of the key and the RFC's GUID (RFC 6455 §4.2.2 item 5.4). */
    static String expectedAccept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
