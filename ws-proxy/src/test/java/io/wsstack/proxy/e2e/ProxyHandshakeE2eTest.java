package io.wsstack.proxy.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client's handshake through the proxy: what is refused before anything goes upstream, what
 * the client is answered for each upstream answer, and which headers travel.
 */
class ProxyHandshakeE2eTest extends AbstractProxyE2eTest {

    private RawPeer.Head rawUpgrade(String method, String path, String... lines) throws IOException {
        try (RawPeer raw = RawPeer.connect(port, 0)) {
            return raw.request(RawPeer.upgrade(method, port, path, lines));
        }
    }

    // ---- refused by the proxy, never forwarded (bad-inputs #31, #22, #23) -------------------------

    @Test
    @DisplayName("RFC 6455 §4.2.2: an unsupported version is answered 426 by the proxy and never forwarded")
    void badVersionNotForwarded() throws Exception {
        RawPeer.Head head = rawUpgrade("GET", "/stub/smuggle-version", "Connection: Upgrade",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 8");
        assertThat(head.status()).isEqualTo(426);
        assertThat(head.header("sec-websocket-version")).isEqualTo("13");
        assertThat(head.header("connection")).isEqualTo("close");
        assertThat(STUB.connections("smuggle-version")).isZero();
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1: a POST with Upgrade: websocket is answered 400 by the proxy and never forwarded")
    void postNotForwarded() throws Exception {
        RawPeer.Head head = rawUpgrade("POST", "/stub/smuggle-post", RawPeer.valid("Content-Length: 0"));
        assertThat(head.status()).isEqualTo(400);
        assertThat(head.header("connection")).isEqualTo("close");
        assertThat(STUB.connections("smuggle-post")).isZero();
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1: a request without Sec-WebSocket-Key is answered 400 and never forwarded")
    void missingKeyNotForwarded() throws Exception {
        RawPeer.Head head = rawUpgrade("GET", "/stub/smuggle-key", "Connection: Upgrade", "Sec-WebSocket-Version: 13");
        assertThat(head.status()).isEqualTo(400);
        assertThat(STUB.connections("smuggle-key")).isZero();
    }

    @Test
    @DisplayName("RFC 6455 §10.2: a cross-site Origin is refused 403 at the proxy (same-origin default), never forwarded")
    void foreignOriginRefused() throws Exception {
        RawPeer.Head head = rawUpgrade("GET", "/stub/foreign-origin", RawPeer.valid("Origin: https://evil.example"));
        assertThat(head.status()).isEqualTo(403);
        assertThat(head.header("connection")).isEqualTo("close");
        assertThat(STUB.connections("foreign-origin")).isZero();
    }

    @Test
    @DisplayName("RFC 6455 §10.2: a route's allowed-origins=* admits a foreign Origin")
    void routeOriginPolicy() throws Exception {
        RawPeer.Head head = rawUpgrade("GET", "/open/lobby", RawPeer.valid("Origin: https://elsewhere.example"));
        assertThat(head.status()).isEqualTo(101);
    }

    @Test
    @DisplayName("RFC 3986 §5.2.4: a path variable that would climb the upstream path (%2e%2e) is refused 400")
    void dotSegmentVariableRefused() throws Exception {
        RawPeer.Head head = rawUpgrade("GET", "/echo/%2e%2e", RawPeer.valid());
        assertThat(head.status()).isEqualTo(400);
        assertThat(head.header("connection")).isEqualTo("close");
    }

    // ---- what the upstream answered (bad-inputs #32, #33, #35) ----------------------------------

    @Test
    @DisplayName("RFC 6455 §4.1: upstream 403 is relayed as 403 with Connection: close, never a tunnel")
    void upstreamForbiddenRelayed() throws Exception {
        try (RawPeer raw = RawPeer.connect(port, 0)) {
            RawPeer.Head head = raw.request(RawPeer.upgrade("GET", port, "/stub/status403", RawPeer.valid()));
            assertThat(head.status()).isEqualTo(403);
            assertThat(head.header("connection")).isEqualTo("close");
            assertThat(head.header("upgrade")).isNull();
        }
    }

    @Test
    @DisplayName("Meters: a route's sessions and refusals reach the WsObserver hooks under the route's name")
    void observersSeeRoutes(@Autowired RefusalRecorder recorder) throws Exception {
        rawUpgrade("GET", "/stub/status403", RawPeer.valid());
        assertThat(recorder.refusals).contains("stub INTERCEPTOR 403");
        try (JdkPeer client = JdkPeer.connect(uri("/echo/observed"))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.opened.contains("echo"));
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.1: upstream 404 is relayed as 404")
    void upstreamNotFoundRelayed() throws Exception {
        assertThat(rawUpgrade("GET", "/stub/status404", RawPeer.valid()).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("RFC 6455 §4.1: upstream 101 without Upgrade: websocket → 502")
    void upstreamWithoutUpgradeHeader() throws Exception {
        RawPeer.Head head = rawUpgrade("GET", "/stub/noupgrade", RawPeer.valid());
        assertThat(head.status()).isEqualTo(502);
        assertThat(head.header("connection")).isEqualTo("close");
    }

    @Test
    @DisplayName("RFC 6455 §4.1: upstream 101 with a wrong Sec-WebSocket-Accept → 502")
    void upstreamWrongAccept() throws Exception {
        assertThat(rawUpgrade("GET", "/stub/badaccept", RawPeer.valid()).status()).isEqualTo(502);
    }

    @Test
    @DisplayName("RFC 6455 §4.1: an upstream redirect is not followed (502); the Location host never sees the request")
    void redirectNotFollowed() throws Exception {
        RawPeer.Head head = rawUpgrade("GET", "/stub/redirect", RawPeer.valid("Authorization: Bearer secret"));
        assertThat(head.status()).isEqualTo(502);
        assertThat(head.header("location")).isNull();
        REDIRECT_TARGET.setSoTimeout(300);
        assertThat(acceptsNothing()).as("redirect target contacted").isTrue();
    }

    private static boolean acceptsNothing() throws IOException {
        try {
            REDIRECT_TARGET.accept().close();
            return false;
        } catch (java.net.SocketTimeoutException e) {
            return true;
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.1: a wss:// upstream whose certificate the route does not trust → 502")
    void untrustedTlsUpstream() throws Exception {
        assertThat(rawUpgrade("GET", "/untrusted/x", RawPeer.valid()).status()).isEqualTo(502);
    }

    @Test
    @DisplayName("Upstream port closed (connection refused) → 502")
    void upstreamUnreachable() throws Exception {
        assertThat(rawUpgrade("GET", "/down", RawPeer.valid()).status()).isEqualTo(502);
    }

    @Test
    @DisplayName("Upstream accepts TCP but never answers the upgrade → 504 after the handshake timeout")
    void upstreamSilent() throws Exception {
        RawPeer.Head head = rawUpgrade("GET", "/stub/silent", RawPeer.valid());
        assertThat(head.status()).isEqualTo(504);
        assertThat(head.header("connection")).isEqualTo("close");
    }

    // ---- what goes upstream ----------------------------------------------------------------------

    @Test
    @DisplayName("RFC 6455 §4.2.2: the client gets the subprotocol the upstream selected from the client's list")
    void upstreamSubprotocol() throws Exception {
        try (JdkPeer client = JdkPeer.connect(uri("/echo/lobby"), "chat.v1", "chat.v2")) {
            assertThat(client.ws().getSubprotocol()).isEqualTo("chat.v2");
        }
    }

    @Test
    @DisplayName("RFC 9110 §7.6.1: the query and listed headers are forwarded; hop-by-hop, Cookie, Origin and forged X-Forwarded-For are not")
    void forwardedHeaders() throws Exception {
        try (RawPeer raw = RawPeer.connect(port, 0)) {
            RawPeer.Head head = raw.request(RawPeer.upgrade("GET", port, "/stub/record?token=t1",
                    "Connection: Upgrade, X-Hop", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                    "Sec-WebSocket-Version: 13", "Authorization: Bearer secret", "Cookie: session=1",
                    "User-Agent: e2e", "X-Api: key", "X-Hop: per-connection", "X-Forwarded-For: 6.6.6.6",
                    "Origin: http://localhost:" + port));
            assertThat(head.status()).isEqualTo(101);
            assertThat(head.header("sec-websocket-extensions")).isNull();
        }
        String upstream = STUB.recordedHead();
        assertThat(upstream).startsWith("GET /record?token=t1 HTTP/1.1\r\n");
        assertThat(StubUpstream.header(upstream, "authorization")).isEqualTo("Bearer secret");
        assertThat(StubUpstream.header(upstream, "user-agent")).isEqualTo("e2e");
        assertThat(StubUpstream.header(upstream, "x-api")).isEqualTo("key");
        assertThat(StubUpstream.header(upstream, "x-hop")).isNull();
        assertThat(StubUpstream.header(upstream, "cookie")).isNull();
        assertThat(StubUpstream.header(upstream, "origin")).isNull();
        assertThat(StubUpstream.header(upstream, "x-forwarded-for")).isEqualTo("127.0.0.1");
        assertThat(StubUpstream.header(upstream, "x-forwarded-host")).isEqualTo("localhost:" + port);
        assertThat(StubUpstream.header(upstream, "host")).isEqualTo("127.0.0.1:" + STUB.port());
        assertThat(StubUpstream.header(upstream, "sec-websocket-key")).isNotEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
        assertThat(StubUpstream.header(upstream, "sec-websocket-extensions")).startsWith("permessage-deflate");
    }

    @Test
    @DisplayName("Default forward-headers: User-Agent goes upstream, Authorization does not unless listed")
    void authorizationNotForwardedByDefault() throws Exception {
        try (RawPeer raw = RawPeer.connect(port, 0)) {
            RawPeer.Head head = raw.request(RawPeer.upgrade("GET", port, "/plain/record",
                    RawPeer.valid("Authorization: Bearer secret", "User-Agent: e2e")));
            assertThat(head.status()).isEqualTo(101);
        }
        String upstream = STUB.recordedHead();
        assertThat(StubUpstream.header(upstream, "user-agent")).isEqualTo("e2e");
        assertThat(StubUpstream.header(upstream, "authorization")).isNull();
    }
}
