package io.wsstack.core.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.extension.ExtensionParameter;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The client's upgrade request of RFC 6455 §4.1. */
class ClientHandshakeBuilderTest {

    /** The 16 bytes behind the RFC 6455 §1.3 sample key: the ASCII text "the sample nonce". */
    static final ClientHandshake.KeySource SAMPLE_NONCE =
            bytes -> System.arraycopy("the sample nonce".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 16);

    static String text(ClientHandshakeRequest request) {
        return new String(request.bytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    @DisplayName("RFC 6455 §1.3 / §4.1: the sample request renders byte for byte")
    void sampleRequestBytes() {
        ClientHandshakeRequest request = ClientHandshake.builder("server.example.com", "/chat")
                .addProtocol("chat")
                .addProtocol("superchat")
                .header("Origin", "http://example.com")
                .keySource(SAMPLE_NONCE)
                .build();
        assertThat(text(request)).isEqualTo("GET /chat HTTP/1.1\r\n"
                + "Host: server.example.com\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: chat, superchat\r\n"
                + "Origin: http://example.com\r\n"
                + "\r\n");
        assertThat(request.key()).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
        assertThat(request.expectedAccept()).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(request.offeredProtocols()).containsExactly("chat", "superchat");
        assertThat(request.toByteBuffer().remaining()).isEqualTo(request.bytes().length);
    }

    @Test
    @DisplayName("RFC 6455 §4.1 item 7: the default key is fresh base64 of 16 random bytes")
    void defaultKeyIsRandom() {
        String a = ClientHandshake.builder("h", "/").build().key();
        String b = ClientHandshake.builder("h", "/").build().key();
        assertThat(WebSocketAccept.isValidKey(a)).isTrue();
        assertThat(WebSocketAccept.isValidKey(b)).isTrue();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    @DisplayName("RFC 6455 §4.1 item 7: a seeded key source gives repeatable keys")
    void seededKeySource() {
        String a = ClientHandshake.builder("h", "/").keySource(new Random(0)::nextBytes).build().key();
        String b = ClientHandshake.builder("h", "/").keySource(new Random(0)::nextBytes).build().key();
        assertThat(a).isEqualTo(b);
        assertThat(WebSocketAccept.isValidKey(a)).isTrue();
    }

    @Test
    @DisplayName("RFC 6455 §9.1: extension offers render in order as Sec-WebSocket-Extensions")
    void extensionOffersRendered() {
        ExtensionOffer deflate = new ExtensionOffer("permessage-deflate",
                List.of(new ExtensionParameter("client_max_window_bits", null)));
        ClientHandshakeRequest request = ClientHandshake.builder("h", "/")
                .addExtensionOffer(deflate).addExtensionOffer(ExtensionOffer.of("permessage-deflate")).build();
        assertThat(request.headers().first("Sec-WebSocket-Extensions"))
                .isEqualTo("permessage-deflate; client_max_window_bits, permessage-deflate");
        assertThat(request.offeredExtensions()).hasSize(2);
    }

    @Test
    @DisplayName("RFC 6455 §4.1 item 4: port() writes host:port into Host, replacing a port given with the host")
    void portInHost() {
        assertThat(ClientHandshake.builder("h", "/").port(8080).build().headers().first("Host")).isEqualTo("h:8080");
        assertThat(ClientHandshake.builder("h:9", "/").port(8080).build().headers().first("Host")).isEqualTo("h:8080");
        assertThat(ClientHandshake.builder("h:9", "/").build().headers().first("Host")).isEqualTo("h:9");
        assertThat(ClientHandshake.builder("[::1]:9", "/").port(80).build().headers().first("Host")).isEqualTo("[::1]:80");
        assertThatIllegalArgumentException().isThrownBy(() -> ClientHandshake.builder("h", "/").port(0));
        assertThatIllegalArgumentException().isThrownBy(() -> ClientHandshake.builder("h", "/").port(65536));
    }

    @Test
    @DisplayName("RFC 6455 §3: ws:// and wss:// URIs; the default port is left out of Host")
    void uriForms() {
        ClientHandshakeRequest plain = ClientHandshake.builder(URI.create("ws://example.com/chat?room=1&x=%20")).build();
        assertThat(text(plain)).startsWith("GET /chat?room=1&x=%20 HTTP/1.1\r\nHost: example.com\r\n");
        assertThat(ClientHandshake.builder(URI.create("wss://example.com")).build().requestTarget()).isEqualTo("/");
        assertThat(ClientHandshake.builder(URI.create("wss://example.com:443/")).build().headers().first("Host"))
                .isEqualTo("example.com");
        assertThat(ClientHandshake.builder(URI.create("ws://example.com:443/")).build().headers().first("Host"))
                .isEqualTo("example.com:443");
        assertThat(ClientHandshake.builder(URI.create("WS://[::1]:8080/")).build().headers().first("Host"))
                .isEqualTo("[::1]:8080");
    }

    @Test
    @DisplayName("RFC 6455 §3: other schemes, fragments, user info and missing hosts are refused")
    void badUris() {
        assertThatIllegalArgumentException().isThrownBy(() -> ClientHandshake.builder(URI.create("http://example.com/")));
        assertThatIllegalArgumentException().isThrownBy(() -> ClientHandshake.builder(URI.create("ws://example.com/#frag")));
        assertThatIllegalArgumentException().isThrownBy(() -> ClientHandshake.builder(URI.create("ws://user:pw@example.com/")));
        assertThatIllegalArgumentException().isThrownBy(() -> ClientHandshake.builder(URI.create("ws:/path")));
    }

    @Test
    @DisplayName("RFC 6455 §4.1 items 2–4: host and target are checked so they cannot break the request line")
    void badHostOrTarget() {
        assertThatIllegalArgumentException().isThrownBy(() -> ClientHandshake.builder("", "/"));
        assertThatIllegalArgumentException().isThrownBy(() -> ClientHandshake.builder("a b", "/"));
        assertThatIllegalArgumentException().isThrownBy(() -> ClientHandshake.builder("a\r\nX: y", "/"));
        assertThatIllegalArgumentException().isThrownBy(() -> ClientHandshake.builder("h", "chat"));
        assertThatIllegalArgumentException().isThrownBy(() -> ClientHandshake.builder("h", "/a b"));
        assertThatIllegalArgumentException().isThrownBy(() -> ClientHandshake.builder("h", "/a#b"));
        assertThatIllegalArgumentException().isThrownBy(() -> ClientHandshake.builder("h", "/a\r\n"));
    }

    @Test
    @DisplayName("RFC 6455 §4.1 item 10: subprotocols must be distinct tokens")
    void badProtocols() {
        ClientHandshake.Builder b = ClientHandshake.builder("h", "/").addProtocol("chat");
        assertThatIllegalArgumentException().isThrownBy(() -> b.addProtocol("chat"));
        assertThatIllegalArgumentException().isThrownBy(() -> b.addProtocol("a,b"));
        assertThatIllegalArgumentException().isThrownBy(() -> b.addProtocol(""));
    }

    @Test
    @DisplayName("RFC 6455 §4.1: extra headers may not override the handshake's own")
    void reservedHeadersRefused() {
        ClientHandshake.Builder b = ClientHandshake.builder("h", "/");
        for (String name : List.of("Host", "upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version",
                "Sec-WebSocket-Protocol", "sec-websocket-extensions", "Content-Length", "Transfer-Encoding")) {
            assertThatIllegalArgumentException().as(name).isThrownBy(() -> b.header(name, "x"));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> b.header("Cookie", "a\r\nHost: evil"));
    }

    @Test
    @DisplayName("RFC 6455 §4.1 item 12: Authorization and Cookie headers are sent after the handshake's own")
    void extraHeadersSent() {
        ClientHandshakeRequest request = ClientHandshake.builder("h", "/")
                .header("Authorization", "Bearer t").header("Cookie", "a=b").build();
        assertThat(request.headers().names()).endsWith("Authorization", "Cookie");
    }
}
