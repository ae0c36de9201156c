package io.wsstack.core.handshake;

import static io.wsstack.core.handshake.ServerHandshakeTest.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.extension.ExtensionParameter;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The 101 of RFC 6455 §4.2.2 step 5 and the refusals a raw-socket server writes. */
class ServerResponseTest {

    @Test
    @DisplayName("RFC 6455 §1.3 / §4.2.2: the 101 for the sample key renders byte for byte")
    void sample101Bytes() {
        HandshakeResponse response = parse(h -> { }).accept(null, List.of(), null);
        String expected = "HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                + "\r\n";
        assertThat(new String(response.toBytes(), StandardCharsets.ISO_8859_1)).isEqualTo(expected);
        assertThat(response.status()).isEqualTo(101);
        assertThat(response.headers().first("Sec-WebSocket-Accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    @DisplayName("RFC 6455 §4.2.2 step 5.5–5.6: selected protocol and extensions are sent, then the extra headers")
    void protocolExtensionsAndExtras() {
        ServerHandshake hs = parse(h -> h.add("Sec-WebSocket-Protocol", "chat, superchat")
                .add("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"));
        ExtensionOffer deflate = new ExtensionOffer("permessage-deflate",
                List.of(new ExtensionParameter("server_no_context_takeover", null)));
        HandshakeResponse response = hs.accept("superchat", List.of(deflate), new HttpHeaders().add("Set-Cookie", "a=b"));
        assertThat(response.headers().names()).containsExactly("Upgrade", "Connection", "Sec-WebSocket-Accept",
                "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "Set-Cookie");
        assertThat(response.headers().first("Sec-WebSocket-Protocol")).isEqualTo("superchat");
        assertThat(response.headers().first("Sec-WebSocket-Extensions")).isEqualTo("permessage-deflate; server_no_context_takeover");
        assertThat(response.selectedProtocol()).isEqualTo("superchat");
        assertThat(response.acceptedExtensions()).containsExactly(deflate);
    }

    @Test
    @DisplayName("RFC 6455 §4.2.2 step 5.5: a protocol the client did not request cannot be selected")
    void unrequestedProtocolRefused() {
        ServerHandshake hs = parse(h -> h.add("Sec-WebSocket-Protocol", "chat"));
        assertThatIllegalArgumentException().isThrownBy(() -> hs.accept("other", List.of(), null));
    }

    @Test
    @DisplayName("RFC 6455 §9.1: an extension the client did not offer cannot be accepted")
    void unofferedExtensionRefused() {
        ServerHandshake hs = parse(h -> { });
        assertThatIllegalArgumentException().isThrownBy(() -> hs.accept(null, List.of(ExtensionOffer.of("x-foo")), null));
    }

    @Test
    @DisplayName("RFC 6455 §4.2.2: extra headers may not replace the handshake's own")
    void extraCannotOverride() {
        ServerHandshake hs = parse(h -> { });
        for (String name : List.of("Upgrade", "connection", "Sec-WebSocket-Accept", "Sec-WebSocket-Protocol",
                "Sec-WebSocket-Extensions", "Content-Length")) {
            assertThatIllegalArgumentException().as(name)
                    .isThrownBy(() -> hs.accept(null, List.of(), new HttpHeaders().add(name, "x")));
        }
    }

    @Test
    @DisplayName("bad-inputs #23: a 400 refusal renders with Connection: close, Content-Length and a text body")
    void refusalBytes() {
        HandshakeRejectedException e = ServerHandshakeTest.rejection(h -> h.remove("Sec-WebSocket-Key"));
        String text = new String(e.toResponseBytes(), StandardCharsets.UTF_8);
        String body = e.reason() + "\n";
        assertThat(text).startsWith("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n")
                .contains("Content-Type: text/plain; charset=utf-8\r\n")
                .contains("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n")
                .endsWith("\r\n\r\n" + body);
    }

    @Test
    @DisplayName("RFC 6455 §4.4: a 426 refusal renders with Sec-WebSocket-Version: 13")
    void upgradeRequiredBytes() {
        String text = new String(ServerHandshake.rejectionBytes(426, "version"), StandardCharsets.UTF_8);
        assertThat(text).startsWith("HTTP/1.1 426 Upgrade Required\r\nConnection: close\r\nSec-WebSocket-Version: 13\r\n");
    }

    @Test
    @DisplayName("bad-inputs #22: a caller-made 403 (origin policy) carries Connection: close and renders")
    void forbiddenForOrigin() {
        HandshakeRejectedException e = new HandshakeRejectedException(403, "Origin not allowed");
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.responseHeaders().first("Connection")).isEqualTo("close");
        assertThat(new String(e.toResponseBytes(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 403 Forbidden\r\n");
    }

    @Test
    @DisplayName("a refusal needs a 4xx or 5xx status")
    void refusalStatusRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> new HandshakeRejectedException(101, "no"));
        assertThatIllegalArgumentException().isThrownBy(() -> new HandshakeRejectedException(200, "no"));
    }

    @Test
    @DisplayName("the rendered refusal parses back as an HTTP response with the same status")
    void refusalParsesBack() {
        byte[] bytes = ServerHandshake.rejectionBytes(400, "bad");
        HttpResponseHead head = new HttpHeadParser().parseResponse(java.nio.ByteBuffer.wrap(bytes));
        assertThat(head.status()).isEqualTo(400);
        assertThat(head.headers().first("Content-Length")).isEqualTo("4");
    }
}
