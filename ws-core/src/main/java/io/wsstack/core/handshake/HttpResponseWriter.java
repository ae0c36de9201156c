package io.wsstack.core.handshake;

import java.nio.charset.StandardCharsets;

/**
 * Renders HTTP/1.1 response heads (RFC 9112 §4) for servers that write to a socket themselves.
 * Header names and values were checked by {@link HttpHeaders#add}, so each renders as one line;
 * text is written as ISO-8859-1, the byte-per-char form headers use on the wire.
 */
final class HttpResponseWriter {

    private HttpResponseWriter() {
    }

    /** The status line and header lines, followed by the empty line. */
    static byte[] head(int status, HttpHeaders headers) {
        StringBuilder sb = new StringBuilder(256);
        appendHead(sb, status, headers);
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A complete refusal: head with {@code Content-Type} and {@code Content-Length}, then the reason as text. */
    static byte[] refusal(int status, String reason, HttpHeaders headers) {
        byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(256);
        appendHead(sb, status, headers);
        sb.append("Content-Type: text/plain; charset=utf-8\r\n");
        sb.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private static void appendHead(StringBuilder sb, int status, HttpHeaders headers) {
        sb.append("HTTP/1.1 ").append(status).append(' ').append(reasonPhrase(status)).append("\r\n");
        headers.forEach((name, value) -> sb.append(name).append(": ").append(value).append("\r\n"));
    }

    /** The reason phrases of RFC 9110 §15 (and RFC 6585 §5 for 431) for the statuses a handshake uses. */
    static String reasonPhrase(int status) {
        return switch (status) {
            case 101 -> "Switching Protocols";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 426 -> "Upgrade Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
