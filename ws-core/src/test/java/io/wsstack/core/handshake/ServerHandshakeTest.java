package io.wsstack.core.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The request rules of RFC 6455 §4.2.1 and the refusals of §4.2.2 / §4.4, one per test. */
class ServerHandshakeTest {

    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    /** The RFC 6455 §1.3 sample request, which every test breaks in one way. */
    static HttpHeaders validHeaders() {
        return new HttpHeaders()
                .add("Host", "server.example.com")
                .add("Upgrade", "websocket")
                .add("Connection", "Upgrade")
                .add("Sec-WebSocket-Key", KEY)
                .add("Origin", "http://example.com")
                .add("Sec-WebSocket-Version", "13");
    }

    static ServerHandshake parse(Consumer<HttpHeaders> change) {
        HttpHeaders h = validHeaders();
        change.accept(h);
        return ServerHandshake.parse(new HandshakeRequest("GET", "/chat", "HTTP/1.1", h));
    }

    static HandshakeRejectedException rejection(HandshakeRequest request) {
        try {
            ServerHandshake.parse(request);
        } catch (HandshakeRejectedException e) {
            return e;
        }
        throw new AssertionError("request was accepted");
    }

    static HandshakeRejectedException rejection(Consumer<HttpHeaders> change) {
        HttpHeaders h = validHeaders();
        change.accept(h);
        return rejection(new HandshakeRequest("GET", "/chat", "HTTP/1.1", h));
    }

    static void assertBadRequest(HandshakeRejectedException e) {
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.responseHeaders().first("Connection")).isEqualTo("close");
        assertThat(e.responseHeaders().contains("Sec-WebSocket-Version")).isFalse();
        assertThat(e.reason()).isNotBlank();
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1: the §1.3 sample request is accepted")
    void sampleAccepted() {
        ServerHandshake hs = parse(h -> { });
        assertThat(hs.key()).isEqualTo(KEY);
        assertThat(hs.acceptKey()).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(hs.origin()).isEqualTo("http://example.com");
        assertThat(hs.requestedProtocols()).isEmpty();
        assertThat(hs.extensionOffers()).isEmpty();
        assertThat(hs.request().requestTarget()).isEqualTo("/chat");
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1 item 7: Origin is optional (non-browser clients)")
    void originOptional() {
        assertThat(parse(h -> h.remove("Origin")).origin()).isNull();
    }

    @ParameterizedTest(name = "RFC 6455 §4.2.1 item 1: method {0} → 400")
    @ValueSource(strings = {"POST", "HEAD", "PUT", "get", "CONNECT"})
    void nonGetIs400(String method) {
        assertBadRequest(rejection(new HandshakeRequest(method, "/chat", "HTTP/1.1", validHeaders())));
    }

    @ParameterizedTest(name = "RFC 6455 §4.2.1 item 1: {0} → 400")
    @ValueSource(strings = {"HTTP/1.0", "HTTP/0.9", "HTTP/1", "HTTX/1.1", "1.1"})
    void oldHttpIs400(String version) {
        assertBadRequest(rejection(new HandshakeRequest("GET", "/chat", version, validHeaders())));
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1 item 1: HTTP/2.0 as a servlet container reports it counts as 1.1 or later")
    void laterHttpAccepted() {
        assertThat(ServerHandshake.parse(new HandshakeRequest("GET", "/", "HTTP/2.0", validHeaders()))).isNotNull();
        assertThat(ServerHandshake.parse(new HandshakeRequest("GET", "/", "HTTP/1.2", validHeaders()))).isNotNull();
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1 item 2: missing Host → 400")
    void missingHostIs400() {
        assertBadRequest(rejection(h -> h.remove("Host")));
    }

    @Test
    @DisplayName("RFC 9112 §3.2: two Host headers or an empty Host → 400")
    void badHostIs400() {
        assertBadRequest(rejection(h -> h.add("Host", "evil.example")));
        assertBadRequest(rejection(h -> h.set("Host", "")));
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1 item 3: missing Upgrade → 400")
    void missingUpgradeIs400() {
        assertBadRequest(rejection(h -> h.remove("Upgrade")));
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1 item 3: Upgrade without websocket → 400")
    void wrongUpgradeIs400() {
        assertBadRequest(rejection(h -> h.set("Upgrade", "h2c")));
        assertBadRequest(rejection(h -> h.set("Upgrade", "websockets")));
    }

    @ParameterizedTest(name = "RFC 6455 §4.2.1 item 3: Upgrade: {0} accepted (case-insensitive)")
    @ValueSource(strings = {"websocket", "WebSocket", "WEBSOCKET", "h2c, websocket"})
    void upgradeCaseInsensitive(String value) {
        assertThat(parse(h -> h.set("Upgrade", value)).key()).isEqualTo(KEY);
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1 item 4: missing Connection → 400")
    void missingConnectionIs400() {
        assertBadRequest(rejection(h -> h.remove("Connection")));
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1 item 4: Connection without Upgrade → 400")
    void connectionWithoutUpgradeIs400() {
        assertBadRequest(rejection(h -> h.set("Connection", "keep-alive")));
        assertBadRequest(rejection(h -> h.set("Connection", "keep-alive Upgrade")));
    }

    @ParameterizedTest(name = "RFC 6455 §4.2.1 item 4: Connection: {0} accepted")
    @ValueSource(strings = {"Upgrade", "upgrade", "UPGRADE", "keep-alive, Upgrade", "Upgrade,keep-alive", "keep-alive,  upgrade  "})
    void connectionListAccepted(String value) {
        assertThat(parse(h -> h.set("Connection", value)).key()).isEqualTo(KEY);
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1 item 4: Upgrade on a second Connection line is accepted")
    void connectionSecondLineAccepted() {
        assertThat(parse(h -> h.set("Connection", "keep-alive").add("Connection", "Upgrade")).key()).isEqualTo(KEY);
    }

    @ParameterizedTest(name = "RFC 6455 §4.2.2 / §4.4: Sec-WebSocket-Version {0} → 426 + Sec-WebSocket-Version: 13")
    @ValueSource(strings = {"8", "14", "12", "13, 8", "013", ""})
    void wrongVersionIs426(String version) {
        HandshakeRejectedException e = rejection(h -> h.set("Sec-WebSocket-Version", version));
        assertThat(e.status()).isEqualTo(426);
        assertThat(e.responseHeaders().all("Sec-WebSocket-Version")).containsExactly("13");
        assertThat(e.responseHeaders().first("Connection")).isEqualTo("close");
    }

    @Test
    @DisplayName("RFC 6455 §4.2.2 / §4.4: missing Sec-WebSocket-Version → 426 + Sec-WebSocket-Version: 13")
    void missingVersionIs426() {
        HandshakeRejectedException e = rejection(h -> h.remove("Sec-WebSocket-Version"));
        assertThat(e.status()).isEqualTo(426);
        assertThat(e.responseHeaders().first("Sec-WebSocket-Version")).isEqualTo("13");
    }

    @Test
    @DisplayName("RFC 6455 §4.2.2 / §4.4: two Sec-WebSocket-Version lines → 426")
    void twoVersionsIs426() {
        assertThat(rejection(h -> h.add("Sec-WebSocket-Version", "13")).status()).isEqualTo(426);
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1 item 5: missing Sec-WebSocket-Key → 400")
    void missingKeyIs400() {
        assertBadRequest(rejection(h -> h.remove("Sec-WebSocket-Key")));
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1 item 5: two Sec-WebSocket-Key lines → 400")
    void twoKeysIs400() {
        assertBadRequest(rejection(h -> h.add("Sec-WebSocket-Key", "AAAAAAAAAAAAAAAAAAAAAA==")));
        assertBadRequest(rejection(h -> h.add("Sec-WebSocket-Key", KEY)));
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1 item 5: key of 15 bytes → 400")
    void fifteenByteKeyIs400() {
        assertBadRequest(rejection(h -> h.set("Sec-WebSocket-Key", "AAAAAAAAAAAAAAAAAAAA")));
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1 item 5: key of 17 bytes → 400")
    void seventeenByteKeyIs400() {
        assertBadRequest(rejection(h -> h.set("Sec-WebSocket-Key", "AAAAAAAAAAAAAAAAAAAAAAA=")));
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1 item 5: key that is not base64 → 400")
    void notBase64KeyIs400() {
        assertBadRequest(rejection(h -> h.set("Sec-WebSocket-Key", "not base64 at all!!!!!==")));
        assertBadRequest(rejection(h -> h.set("Sec-WebSocket-Key", KEY + ", " + KEY)));
        assertBadRequest(rejection(h -> h.set("Sec-WebSocket-Key", "")));
    }

    @Test
    @DisplayName("RFC 6455 §4.2.2 / §4.4: the version is judged before the key, so an old client learns to retry with 13")
    void versionCheckedBeforeKey() {
        assertThat(rejection(h -> {
            h.remove("Sec-WebSocket-Key");
            h.set("Sec-WebSocket-Version", "8");
        }).status()).isEqualTo(426);
    }

    @Test
    @DisplayName("bad-inputs #23: the refusal body and reason never quote the client's header values")
    void reasonDoesNotEchoInput() {
        HandshakeRejectedException e = rejection(h -> h.set("Sec-WebSocket-Key", "<script>alert(1)</script>"));
        assertThat(e.reason()).doesNotContain("<script>");
    }
}
