package io.wsstack.core.handshake;

import static io.wsstack.core.handshake.ClientHandshakeBuilderTest.SAMPLE_NONCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.extension.ExtensionParameter;
import io.wsstack.core.handshake.HandshakeFailedException.Reason;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The client's checks of the server's answer, RFC 6455 §4.1 ("the client MUST Fail the WebSocket Connection"). */
class ClientValidationTest {

    static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    static ClientHandshakeRequest request(String... protocols) {
        ClientHandshake.Builder b = ClientHandshake.builder("server.example.com", "/chat").keySource(SAMPLE_NONCE);
        for (String p : protocols) {
            b.addProtocol(p);
        }
        return b.addExtensionOffer(new ExtensionOffer("permessage-deflate",
                List.of(new ExtensionParameter("client_max_window_bits", null)))).build();
    }

    static String response(String... extraLines) {
        StringBuilder sb = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + ACCEPT + "\r\n");
        for (String line : extraLines) {
            sb.append(line).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static HandshakeFailedException failure(ClientHandshakeRequest request, String response) {
        try {
            request.validate(bytes(response));
        } catch (HandshakeFailedException e) {
            return e;
        }
        throw new AssertionError("response was accepted");
    }

    static Reason reason(String response) {
        return failure(request("chat"), response).reason();
    }

    @Test
    @DisplayName("RFC 6455 §4.1: the §1.3 sample 101 is accepted; head length reported")
    void sampleAccepted() {
        String resp = response();
        ClientHandshakeResult result = request().validate(bytes(resp));
        assertThat(result.headLength()).isEqualTo(resp.length());
        assertThat(result.acceptedProtocol()).isNull();
        assertThat(result.acceptedExtensions()).isEmpty();
        assertThat(result.headers().first("Sec-WebSocket-Accept")).isEqualTo(ACCEPT);
    }

    @Test
    @DisplayName("RFC 6455 §4.1 response rule 1: a 200 fails as NOT_101, exposing the status")
    void non101() {
        HandshakeFailedException e = failure(request(), "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertThat(e.reason()).isEqualTo(Reason.NOT_101);
        assertThat(e.status()).isEqualTo(200);
    }

    @Test
    @DisplayName("RFC 6455 §4.1 response rule 1: a 426 from a server of another version fails as NOT_101 with 426")
    void upgradeRequired() {
        HandshakeFailedException e = failure(request(),
                "HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\n\r\n");
        assertThat(e.reason()).isEqualTo(Reason.NOT_101);
        assertThat(e.status()).isEqualTo(426);
    }

    @Test
    @DisplayName("RFC 6455 §4.1 response rule 2: missing Upgrade fails as MISSING_UPGRADE")
    void missingUpgrade() {
        assertThat(reason(response().replace("Upgrade: websocket\r\n", ""))).isEqualTo(Reason.MISSING_UPGRADE);
    }

    @Test
    @DisplayName("RFC 6455 §4.1 response rule 2: Upgrade other than websocket fails as MISSING_UPGRADE")
    void wrongUpgrade() {
        assertThat(reason(response().replace("Upgrade: websocket", "Upgrade: h2c"))).isEqualTo(Reason.MISSING_UPGRADE);
        assertThat(reason(response("Upgrade: websocket"))).isEqualTo(Reason.MISSING_UPGRADE);
    }

    @Test
    @DisplayName("RFC 6455 §4.1 response rule 2: Upgrade matches websocket case-insensitively")
    void upgradeCaseInsensitive() {
        assertThat(request().validate(bytes(response().replace("Upgrade: websocket", "Upgrade: WebSocket")))).isNotNull();
        assertThat(request().validate(bytes(response().replace("Upgrade: websocket", "upgrade: WEBSOCKET")))).isNotNull();
    }

    @Test
    @DisplayName("RFC 6455 §4.1 response rule 3: Connection without Upgrade fails as MISSING_CONNECTION_UPGRADE")
    void missingConnectionUpgrade() {
        assertThat(reason(response().replace("Connection: Upgrade\r\n", ""))).isEqualTo(Reason.MISSING_CONNECTION_UPGRADE);
        assertThat(reason(response().replace("Connection: Upgrade", "Connection: keep-alive")))
                .isEqualTo(Reason.MISSING_CONNECTION_UPGRADE);
    }

    @Test
    @DisplayName("RFC 6455 §4.1 response rule 3: Connection: keep-alive, upgrade is accepted")
    void connectionListAccepted() {
        assertThat(request().validate(bytes(response().replace("Connection: Upgrade", "Connection: keep-alive, upgrade"))))
                .isNotNull();
    }

    @Test
    @DisplayName("RFC 6455 §4.1 response rule 4: wrong Sec-WebSocket-Accept fails as BAD_ACCEPT")
    void wrongAccept() {
        assertThat(reason(response().replace(ACCEPT, "AAAAAAAAAAAAAAAAAAAAAAAAAAA="))).isEqualTo(Reason.BAD_ACCEPT);
        assertThat(reason(response().replace(ACCEPT, ACCEPT.toLowerCase()))).isEqualTo(Reason.BAD_ACCEPT);
    }

    @Test
    @DisplayName("RFC 6455 §4.1 response rule 4: missing or repeated Sec-WebSocket-Accept fails as BAD_ACCEPT")
    void missingAccept() {
        assertThat(reason(response().replace("Sec-WebSocket-Accept: " + ACCEPT + "\r\n", ""))).isEqualTo(Reason.BAD_ACCEPT);
        assertThat(reason(response("Sec-WebSocket-Accept: " + ACCEPT))).isEqualTo(Reason.BAD_ACCEPT);
    }

    @Test
    @DisplayName("RFC 6455 §4.1 response rule 5: an accepted extension that was offered is returned with its parameters")
    void offeredExtensionAccepted() {
        ClientHandshakeResult result = request().validate(bytes(response(
                "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=10; client_max_window_bits=10")));
        assertThat(result.acceptedExtensions()).hasSize(1);
        assertThat(result.acceptedExtensions().get(0).parameters()).containsExactly(
                new ExtensionParameter("server_max_window_bits", "10"),
                new ExtensionParameter("client_max_window_bits", "10"));
    }

    @Test
    @DisplayName("RFC 6455 §4.1 response rule 5: an extension that was not offered fails as UNOFFERED_EXTENSION")
    void unofferedExtension() {
        assertThat(reason(response("Sec-WebSocket-Extensions: x-webkit-deflate-frame"))).isEqualTo(Reason.UNOFFERED_EXTENSION);
        ClientHandshakeRequest noOffers = ClientHandshake.builder("h", "/").keySource(SAMPLE_NONCE).build();
        assertThat(failure(noOffers, response("Sec-WebSocket-Extensions: permessage-deflate")).reason())
                .isEqualTo(Reason.UNOFFERED_EXTENSION);
    }

    @Test
    @DisplayName("RFC 6455 §9.1: a response extension header that breaks the grammar fails as MALFORMED_EXTENSIONS")
    void malformedExtensions() {
        assertThat(reason(response("Sec-WebSocket-Extensions: permessage-deflate; =10"))).isEqualTo(Reason.MALFORMED_EXTENSIONS);
        assertThat(reason(response("Sec-WebSocket-Extensions: permessage-deflate; a=\"b"))).isEqualTo(Reason.MALFORMED_EXTENSIONS);
    }

    @Test
    @DisplayName("bad-inputs #21: a 100k 'a,' Sec-WebSocket-Extensions response fails on the length cap, typed")
    void pathologicalExtensionsResponse() {
        ClientHandshakeRequest request = request();
        String huge = "Sec-WebSocket-Extensions: " + "a,".repeat(3000);
        // Over the 8 KiB head cap the parser stops first; under it the extension cap does.
        assertThat(failure(request, response(huge)).reason()).isEqualTo(Reason.MALFORMED_EXTENSIONS);
        assertThat(failure(request(), response("Sec-WebSocket-Extensions: " + "a,".repeat(50_000))).reason())
                .isEqualTo(Reason.MALFORMED_RESPONSE);
    }

    @Test
    @DisplayName("RFC 6455 §4.1 response rule 6: the offered protocol the server chose is returned")
    void offeredProtocolAccepted() {
        assertThat(request("chat", "superchat").validate(bytes(response("Sec-WebSocket-Protocol: superchat")))
                .acceptedProtocol()).isEqualTo("superchat");
    }

    @Test
    @DisplayName("RFC 6455 §4.1 response rule 6: a protocol that was not offered fails as UNOFFERED_SUBPROTOCOL")
    void unofferedProtocol() {
        assertThat(reason(response("Sec-WebSocket-Protocol: other"))).isEqualTo(Reason.UNOFFERED_SUBPROTOCOL);
        assertThat(reason(response("Sec-WebSocket-Protocol: CHAT"))).isEqualTo(Reason.UNOFFERED_SUBPROTOCOL);
    }

    @Test
    @DisplayName("RFC 6455 §4.1 response rule 6: any protocol when none was offered fails as UNOFFERED_SUBPROTOCOL")
    void protocolWithoutOffer() {
        assertThat(failure(request(), response("Sec-WebSocket-Protocol: chat")).reason()).isEqualTo(Reason.UNOFFERED_SUBPROTOCOL);
    }

    @Test
    @DisplayName("RFC 6455 §4.1 response rule 6: several protocols in the response fail as MALFORMED_SUBPROTOCOL")
    void severalProtocols() {
        ClientHandshakeRequest request = request("chat", "superchat");
        assertThat(failure(request, response("Sec-WebSocket-Protocol: chat, superchat")).reason())
                .isEqualTo(Reason.MALFORMED_SUBPROTOCOL);
        assertThat(failure(request("chat", "superchat"), response("Sec-WebSocket-Protocol: chat", "Sec-WebSocket-Protocol: chat"))
                .reason()).isEqualTo(Reason.MALFORMED_SUBPROTOCOL);
    }

    @Test
    @DisplayName("RFC 6455 §4.1: no protocol in the response when one was offered means none was chosen")
    void protocolOfferedButNoneChosen() {
        assertThat(request("chat").validate(bytes(response())).acceptedProtocol()).isNull();
    }

    @Test
    @DisplayName("RFC 9112 §2.2: a response head with bare LF fails as MALFORMED_RESPONSE")
    void malformedHead() {
        HandshakeFailedException e = failure(request(), response().replace("\r\n", "\n"));
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_RESPONSE);
        assertThat(e.status()).isEqualTo(-1);
    }

    @Test
    @DisplayName("RFC 6455 §4.1: a 101 over HTTP/1.0 fails as MALFORMED_RESPONSE")
    void http10Response() {
        assertThat(reason(response().replace("HTTP/1.1", "HTTP/1.0"))).isEqualTo(Reason.MALFORMED_RESPONSE);
    }

    @Test
    @DisplayName("bad-inputs #9: frame bytes after the 101 stay in the buffer, at any split")
    void leftoverFrames() {
        byte[] head = response().getBytes(StandardCharsets.ISO_8859_1);
        byte[] frame = {(byte) 0x81, 0x05, 'H', 'e', 'l', 'l', 'o'};
        for (int split = 0; split <= head.length; split++) {
            ClientHandshakeRequest request = request();
            ByteBuffer first = ByteBuffer.wrap(head, 0, split);
            ByteBuffer second = ByteBuffer.allocate(head.length - split + frame.length);
            second.put(head, split, head.length - split).put(frame).flip();
            ClientHandshakeResult result = request.validate(first);
            if (result == null) {
                assertThat(first.hasRemaining()).isFalse();
                result = request.validate(second);
            }
            assertThat(result.headLength()).isEqualTo(head.length);
            byte[] rest = new byte[second.remaining()];
            second.get(rest);
            assertThat(rest).as("split %d", split).containsExactly(frame);
        }
    }

    @Test
    @DisplayName("a response already read cannot be read again")
    void secondResponseRefused() {
        ClientHandshakeRequest request = request();
        request.validate(bytes(response()));
        assertThatThrownBy(() -> request.validate(bytes(response()))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("RFC 6455 §4.1: a head parsed elsewhere validates the same way; head length unknown")
    void validateParsedHead() {
        HttpResponseHead head = new HttpHeadParser().parseResponse(bytes(response("Sec-WebSocket-Protocol: chat")));
        ClientHandshakeResult result = request("chat").validate(head);
        assertThat(result.acceptedProtocol()).isEqualTo("chat");
        assertThat(result.headLength()).isEqualTo(-1);
    }
}
