package io.wsstack.conformance.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.conformance.target.EchoTarget;
import io.wsstack.conformance.wire.RawClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;

/**
 * Opening-handshake refusals (RFC 6455 §4.2.1–4.2.2; bad inputs 20, 21, 23), which Autobahn's
 * server cases do not cover: a request that is not a valid upgrade gets a 4xx status, never a 101
 * or a 500, and a refused upgrade ends the connection ({@code Connection: close}) so that no second
 * request can be smuggled behind it.
 */
class HandshakeCases extends CaseSupport {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private static String request(EchoTarget target, String method, String key, String version, String extra) {
        return method + " " + target.path() + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + (key == null ? "" : "Sec-WebSocket-Key: " + key + "\r\n")
                + "Sec-WebSocket-Version: " + version + "\r\n" + extra + target.extraRequestHeaders() + "\r\n";
    }

    /** Sends {@code request} and returns the client, its response head read. */
    private static RawClient refused(EchoTarget target, String request, int status) throws Exception {
        RawClient c = RawClient.open(target.address());
        c.send(request.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(c.readResponseHead()).as("status").isEqualTo(status);
        return c;
    }

    @AutobahnCase @DisplayName("RFC 6455 §4.2.1 item 5: missing Sec-WebSocket-Key → 400, Connection: close")
    void handshake_missingKey(EchoTarget target) throws Exception {
        try (RawClient c = refused(target, request(target, "GET", null, "13", ""), 400)) {
            assertThat(c.responseHeader("Connection")).containsIgnoringCase("close");
            assertThat(c.awaitEndOfBytes()).as("connection ended after the refusal").isTrue();
        }
    }

    @AutobahnCase @DisplayName("RFC 6455 §4.2.1 item 5: a key that is not base64 of 16 bytes → 400")
    void handshake_badKey(EchoTarget target) throws Exception {
        try (RawClient c = refused(target, request(target, "GET", "c2hvcnQ=", "13", ""), 400)) {
            assertThat(c.responseHeader("Connection")).containsIgnoringCase("close");
        }
    }

    @AutobahnCase @DisplayName("RFC 6455 §4.2.2: version 8 → 426 with Sec-WebSocket-Version: 13, Connection: close")
    void handshake_wrongVersion(EchoTarget target) throws Exception {
        try (RawClient c = refused(target, request(target, "GET", KEY, "8", ""), 426)) {
            assertThat(c.responseHeader("Sec-WebSocket-Version")).isEqualTo("13");
            assertThat(c.responseHeader("Connection")).containsIgnoringCase("close");
        }
    }

    @AutobahnCase @DisplayName("RFC 6455 §4.2.1 item 8: the same subprotocol listed twice → 400")
    void handshake_duplicateSubprotocol(EchoTarget target) throws Exception {
        try (RawClient c = refused(target, request(target, "GET", KEY, "13", "Sec-WebSocket-Protocol: chat, chat\r\n"), 400)) {
            assertThat(c.responseHeader("Connection")).containsIgnoringCase("close");
        }
    }

    @AutobahnCase @DisplayName("RFC 7692 §5: invalid permessage-deflate offers are declined, the upgrade still succeeds")
    void handshake_invalidDeflateOffersDeclined(EchoTarget target) throws Exception {
        String offers = "permessage-deflate; server_max_window_bits=7, permessage-deflate; client_max_window_bits=abc, "
                + "permessage-deflate; client_no_context_takeover; client_no_context_takeover, permessage-deflate; x=1";
        try (RawClient c = connect(target, offers)) {
            assertThat(c.compressing()).as("every offer was invalid").isFalse();
            assertThat(c.responseHeader("Sec-WebSocket-Extensions")).isNull();
        }
    }

    @AutobahnCase @DisplayName("Bad input 21: a 100 KB Sec-WebSocket-Extensions value → 4xx, never 500 or 101")
    void handshake_hugeExtensionsHeader(EchoTarget target) throws Exception {
        String huge = "Sec-WebSocket-Extensions: permessage-deflate" + "; a".repeat(33_000) + "\r\n";
        try (RawClient c = RawClient.open(target.address())) {
            c.sendInChopsUntilClosed(request(target, "GET", KEY, "13", huge).getBytes(StandardCharsets.ISO_8859_1), 64 * 1024);
            assertThat(c.readResponseHead()).as("status").isBetween(400, 499);
            assertThat(c.awaitEndOfBytes()).as("connection ended after the refusal").isTrue();
        }
    }
}
