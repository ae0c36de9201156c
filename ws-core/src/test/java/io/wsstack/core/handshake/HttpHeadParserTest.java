package io.wsstack.core.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsstack.core.handshake.MalformedHttpHeadException.Kind;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HttpHeadParserTest {

    static final String REQUEST = "GET /chat?room=1 HTTP/1.1\r\n"
            + "Host: server.example.com\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Origin: http://example.com\r\n"
            + "Sec-WebSocket-Protocol: chat, superchat\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "\r\n";

    static final String RESPONSE = "HTTP/1.1 101 Switching Protocols\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
            + "Sec-WebSocket-Protocol: chat\r\n"
            + "\r\n";

    static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static HandshakeRequest request(String s) {
        HttpHeadParser parser = new HttpHeadParser();
        return parser.parseRequest(ascii(s));
    }

    static MalformedHttpHeadException.Kind requestFailure(String s) {
        try {
            request(s);
        } catch (MalformedHttpHeadException e) {
            return e.kind();
        }
        throw new AssertionError("head was accepted: " + s);
    }

    @Test
    @DisplayName("RFC 6455 §1.3 sample request: start line and headers read")
    void readsRequest() {
        HandshakeRequest r = request(REQUEST);
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.requestTarget()).isEqualTo("/chat?room=1");
        assertThat(r.httpVersion()).isEqualTo("HTTP/1.1");
        assertThat(r.headers().first("sec-websocket-key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
        assertThat(r.headers().first("Sec-WebSocket-Protocol")).isEqualTo("chat, superchat");
        assertThat(r.headers().size()).isEqualTo(7);
    }

    @Test
    @DisplayName("RFC 6455 §1.3 sample response: status, reason and headers read; head length reported")
    void readsResponse() {
        HttpHeadParser parser = new HttpHeadParser();
        HttpResponseHead r = parser.parseResponse(ascii(RESPONSE));
        assertThat(r.httpVersion()).isEqualTo("HTTP/1.1");
        assertThat(r.status()).isEqualTo(101);
        assertThat(r.reasonPhrase()).isEqualTo("Switching Protocols");
        assertThat(r.headers().first("Sec-WebSocket-Accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(parser.headLength()).isEqualTo(RESPONSE.length());
        assertThat(parser.isComplete()).isTrue();
    }

    @Test
    @DisplayName("RFC 9112 §4: empty reason phrase, with or without the trailing space")
    void emptyReasonPhrase() {
        assertThat(new HttpHeadParser().parseResponse(ascii("HTTP/1.1 101 \r\nA: b\r\n\r\n")).reasonPhrase()).isEmpty();
        assertThat(new HttpHeadParser().parseResponse(ascii("HTTP/1.1 101\r\n\r\n")).status()).isEqualTo(101);
    }

    @Test
    @DisplayName("RFC 9112 §5: optional whitespace around values is removed; empty values kept")
    void trimsValues() {
        HandshakeRequest r = request("GET / HTTP/1.1\r\nA:  x y \t\r\nB:\r\nC:\t\r\n\r\n");
        assertThat(r.headers().first("A")).isEqualTo("x y");
        assertThat(r.headers().first("B")).isEmpty();
        assertThat(r.headers().first("C")).isEmpty();
    }

    @Test
    @DisplayName("RFC 9110 §5.5: obs-text bytes in a value read as ISO-8859-1")
    void obsTextKept() {
        byte[] head = "GET / HTTP/1.1\r\nX: caf\u00e9\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new HttpHeadParser().parseRequest(ByteBuffer.wrap(head)).headers().first("X")).isEqualTo("caf\u00e9");
    }

    @Test
    @DisplayName("RFC 9112 §2.1: split at every byte offset gives the same request")
    void requestSplitAtEveryOffset() {
        byte[] all = REQUEST.getBytes(StandardCharsets.ISO_8859_1);
        HandshakeRequest whole = request(REQUEST);
        for (int split = 0; split <= all.length; split++) {
            HttpHeadParser parser = new HttpHeadParser();
            HandshakeRequest first = parser.parseRequest(ByteBuffer.wrap(all, 0, split));
            if (split < all.length) {
                assertThat(first).as("split %d", split).isNull();
                HandshakeRequest r = parser.parseRequest(ByteBuffer.wrap(all, split, all.length - split));
                assertThat(r).as("split %d", split).isEqualTo(whole);
            } else {
                assertThat(first).isEqualTo(whole);
            }
            assertThat(parser.headLength()).isEqualTo(all.length);
        }
    }

    @Test
    @DisplayName("RFC 9112 §2.1: fed one byte at a time, the head completes exactly on its last byte")
    void responseOneByteAtATime() {
        byte[] all = RESPONSE.getBytes(StandardCharsets.ISO_8859_1);
        HttpHeadParser parser = new HttpHeadParser();
        for (int i = 0; i < all.length - 1; i++) {
            assertThat(parser.parseResponse(ByteBuffer.wrap(all, i, 1))).isNull();
        }
        HttpResponseHead r = parser.parseResponse(ByteBuffer.wrap(all, all.length - 1, 1));
        assertThat(r.status()).isEqualTo(101);
        assertThat(r.headers().size()).isEqualTo(4);
    }

    @Test
    @DisplayName("bad-inputs #9: frame bytes in the same buffer as the 101 stay in the buffer, in order")
    void leftoverBytesPreserved() {
        byte[] head = RESPONSE.getBytes(StandardCharsets.ISO_8859_1);
        byte[] frame = {(byte) 0x81, 0x05, 'H', 'e', 'l', 'l', 'o'}; // RFC 6455 §5.7 "Hello"
        for (int split = 0; split <= head.length; split++) {
            ByteBuffer first = ByteBuffer.allocate(split);
            first.put(head, 0, split).flip();
            ByteBuffer second = ByteBuffer.allocate(head.length - split + frame.length);
            second.put(head, split, head.length - split).put(frame).flip();
            HttpHeadParser parser = new HttpHeadParser();
            HttpResponseHead r = parser.parseResponse(first);
            if (r == null) {
                assertThat(first.hasRemaining()).isFalse();
                r = parser.parseResponse(second);
            }
            assertThat(r.status()).isEqualTo(101);
            byte[] rest = new byte[second.remaining()];
            second.get(rest);
            assertThat(rest).as("split %d", split).containsExactly(frame);
        }
    }

    @Test
    @DisplayName("a direct buffer with an offset position works and keeps the leftover")
    void directBufferWithOffset() {
        byte[] head = RESPONSE.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer direct = ByteBuffer.allocateDirect(head.length + 10);
        direct.put(new byte[3]).put(head).put(new byte[] {1, 2}).flip();
        direct.position(3);
        HttpHeadParser parser = new HttpHeadParser();
        assertThat(parser.parseResponse(direct).status()).isEqualTo(101);
        assertThat(direct.remaining()).isEqualTo(2);
        assertThat(direct.get()).isEqualTo((byte) 1);
    }

    @Test
    @DisplayName("a complete parser refuses more input until reset, then reads the next head")
    void resetReadsAnother() {
        HttpHeadParser parser = new HttpHeadParser();
        parser.parseRequest(ascii(REQUEST));
        assertThatThrownBy(() -> parser.parseRequest(ascii(REQUEST))).isInstanceOf(IllegalStateException.class);
        parser.reset();
        assertThat(parser.headLength()).isEqualTo(-1);
        assertThat(parser.parseRequest(ascii(REQUEST)).method()).isEqualTo("GET");
    }

    @Test
    @DisplayName("RFC 6585 §5: a head of exactly 8 KiB is read; 8 KiB + 1 fails as HEAD_TOO_LARGE (431)")
    void headSizeCap() {
        String exact = padTo(HttpHeadParser.DEFAULT_MAX_HEAD_BYTES);
        assertThat(exact.length()).isEqualTo(8192);
        assertThat(request(exact).headers().first("X-Pad")).isNotEmpty();
        String over = padTo(HttpHeadParser.DEFAULT_MAX_HEAD_BYTES + 1);
        assertThatThrownBy(() -> request(over))
                .isInstanceOfSatisfying(MalformedHttpHeadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.HEAD_TOO_LARGE);
                    assertThat(e.httpStatus()).isEqualTo(431);
                });
    }

    @Test
    @DisplayName("RFC 6585 §5: the size cap fails as soon as it is passed, before the head ends")
    void headSizeCapWithoutEnd() {
        HttpHeadParser parser = new HttpHeadParser(64, 10);
        assertThat(parser.parseRequest(ascii("GET / HTTP/1.1\r\nX: "))).isNull();
        ByteBuffer endless = ascii("a".repeat(1000));
        assertThatThrownBy(() -> parser.parseRequest(endless))
                .isInstanceOfSatisfying(MalformedHttpHeadException.class, e -> assertThat(e.kind()).isEqualTo(Kind.HEAD_TOO_LARGE));
    }

    @Test
    @DisplayName("RFC 6585 §5: 100 header lines are read; 101 fail as TOO_MANY_HEADER_LINES (431)")
    void headerLineCap() {
        assertThat(request(withHeaders(100)).headers().size()).isEqualTo(100);
        assertThatThrownBy(() -> request(withHeaders(101)))
                .isInstanceOfSatisfying(MalformedHttpHeadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TOO_MANY_HEADER_LINES);
                    assertThat(e.httpStatus()).isEqualTo(431);
                });
    }

    @Test
    @DisplayName("bad-inputs #20: 100 000 tiny header lines end in a typed error, never a crash")
    void manyHeadersNeverCrash() {
        StringBuilder sb = new StringBuilder("GET / HTTP/1.1\r\n");
        for (int i = 0; i < 100_000; i++) {
            sb.append("A:\r\n");
        }
        HttpHeadParser roomy = new HttpHeadParser(1 << 20, 100);
        assertThatThrownBy(() -> roomy.parseRequest(ascii(sb.toString())))
                .isInstanceOfSatisfying(MalformedHttpHeadException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.TOO_MANY_HEADER_LINES));
        assertThatThrownBy(() -> request(sb.toString()))
                .isInstanceOf(MalformedHttpHeadException.class);
    }

    @Test
    @DisplayName("RFC 9112 §2.2: a bare LF line ending is refused")
    void bareLfRefused() {
        assertThat(requestFailure("GET / HTTP/1.1\nHost: a\r\n\r\n")).isEqualTo(Kind.BAD_LINE_ENDING);
        assertThat(requestFailure("GET / HTTP/1.1\r\nHost: a\n\n")).isEqualTo(Kind.BAD_LINE_ENDING);
        assertThat(requestFailure("GET / HTTP/1.1\r\nHost: a\r\n\n")).isEqualTo(Kind.BAD_LINE_ENDING);
    }

    @Test
    @DisplayName("RFC 9112 §2.2: a bare CR inside a line is refused")
    void bareCrRefused() {
        assertThat(requestFailure("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n")).isEqualTo(Kind.BAD_LINE_ENDING);
        assertThat(requestFailure("GET / HTTP/1.1\r\nHost: a\r\n\r\r\n")).isEqualTo(Kind.BAD_LINE_ENDING);
    }

    @Test
    @DisplayName("RFC 9112 §5.2: obsolete line folding is refused")
    void obsFoldRefused() {
        assertThat(requestFailure("GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n")).isEqualTo(Kind.OBSOLETE_LINE_FOLDING);
        assertThat(requestFailure("GET / HTTP/1.1\r\nX: a\r\n\tb\r\n\r\n")).isEqualTo(Kind.OBSOLETE_LINE_FOLDING);
    }

    @Test
    @DisplayName("RFC 9112 §5.1: whitespace between name and colon is refused")
    void spaceBeforeColonRefused() {
        assertThat(requestFailure("GET / HTTP/1.1\r\nHost : a\r\n\r\n")).isEqualTo(Kind.INVALID_HEADER_NAME);
    }

    @Test
    @DisplayName("RFC 9112 §5.1: missing colon, empty name, separators and non-ASCII in a name are refused")
    void invalidNamesRefused() {
        assertThat(requestFailure("GET / HTTP/1.1\r\nHost\r\n\r\n")).isEqualTo(Kind.INVALID_HEADER_NAME);
        assertThat(requestFailure("GET / HTTP/1.1\r\n: a\r\n\r\n")).isEqualTo(Kind.INVALID_HEADER_NAME);
        assertThat(requestFailure("GET / HTTP/1.1\r\nA(b): a\r\n\r\n")).isEqualTo(Kind.INVALID_HEADER_NAME);
        assertThat(requestFailure("GET / HTTP/1.1\r\nA\u00e9: a\r\n\r\n")).isEqualTo(Kind.INVALID_HEADER_NAME);
    }

    @Test
    @DisplayName("RFC 9110 §5.5: NUL and other controls in a value are refused")
    void controlInValueRefused() {
        assertThat(requestFailure("GET / HTTP/1.1\r\nX: a\0b\r\n\r\n")).isEqualTo(Kind.INVALID_HEADER_VALUE);
        assertThat(requestFailure("GET / HTTP/1.1\r\nX: a\u007fb\r\n\r\n")).isEqualTo(Kind.INVALID_HEADER_VALUE);
    }

    @Test
    @DisplayName("RFC 9112 §3: malformed request lines are refused")
    void malformedRequestLines() {
        assertThat(requestFailure("\r\nGET / HTTP/1.1\r\n\r\n")).isEqualTo(Kind.MALFORMED_START_LINE);
        assertThat(requestFailure("GET  / HTTP/1.1\r\n\r\n")).isEqualTo(Kind.MALFORMED_START_LINE);
        assertThat(requestFailure("GET /\u00e9 HTTP/1.1\r\n\r\n")).isEqualTo(Kind.MALFORMED_START_LINE);
        assertThat(requestFailure("GET / HTTP/1.1 \r\n\r\n")).isEqualTo(Kind.MALFORMED_START_LINE);
        assertThat(requestFailure("GET / HTTP/11\r\n\r\n")).isEqualTo(Kind.MALFORMED_START_LINE);
        assertThat(requestFailure("GET / http/1.1\r\n\r\n")).isEqualTo(Kind.MALFORMED_START_LINE);
        assertThat(requestFailure("GET /\r\n\r\n")).isEqualTo(Kind.MALFORMED_START_LINE);
        assertThat(requestFailure("G@T / HTTP/1.1\r\n\r\n")).isEqualTo(Kind.MALFORMED_START_LINE);
    }

    @Test
    @DisplayName("RFC 9112 §4: malformed status lines are refused")
    void malformedStatusLines() {
        for (String line : new String[] {"HTTP/1.1 1O1 OK", "HTTP/1.1 10", "HTTP/1.1", "HTTP/1.1 1010 X", "ICY 200 OK",
            "HTTP/1.1 101 Bad\0"}) {
            assertThatThrownBy(() -> new HttpHeadParser().parseResponse(ascii(line + "\r\n\r\n")))
                    .as(line)
                    .isInstanceOfSatisfying(MalformedHttpHeadException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED_START_LINE));
        }
    }

    private static String padTo(int total) {
        String start = "GET / HTTP/1.1\r\nX-Pad: ";
        String end = "\r\n\r\n";
        return start + "p".repeat(total - start.length() - end.length()) + end;
    }

    private static String withHeaders(int count) {
        StringBuilder sb = new StringBuilder("GET / HTTP/1.1\r\n");
        for (int i = 0; i < count; i++) {
            sb.append("H").append(i).append(": v\r\n");
        }
        return sb.append("\r\n").toString();
    }
}
