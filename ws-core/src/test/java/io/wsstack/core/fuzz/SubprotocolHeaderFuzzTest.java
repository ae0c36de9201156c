package io.wsstack.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wsstack.core.handshake.HandshakeRejectedException;
import io.wsstack.core.handshake.HandshakeRequest;
import io.wsstack.core.handshake.HttpHeaders;
import io.wsstack.core.handshake.ServerHandshake;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;

/**
 * Arbitrary {@code Sec-WebSocket-Protocol} lines in an otherwise valid upgrade request
 * (RFC 6455 §4.1 item 10, §4.2.1 item 8). The server either reads a list of distinct, non-empty
 * tokens, or refuses the handshake with 400; it never throws anything else. A header line holding
 * control characters is refused earlier, by {@link HttpHeaders#add}, with the
 * {@link IllegalArgumentException} a transport answers with 400.
 */
class SubprotocolHeaderFuzzTest {

    @FuzzTest
    void readsDistinctTokensOrRefusesWith400(byte[] input) {
        HttpHeaders headers = new HttpHeaders()
                .add("Host", "example.com")
                .add("Upgrade", "websocket")
                .add("Connection", "Upgrade")
                .add("Sec-WebSocket-Version", "13")
                .add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        // One header line per input line; values are ISO-8859-1 on the wire (RFC 9110 §5.5).
        try {
            for (String line : new String(input, StandardCharsets.ISO_8859_1).split("\n", -1)) {
                headers.add("Sec-WebSocket-Protocol", line);
            }
        } catch (IllegalArgumentException controlCharacter) {
            return;
        }
        List<String> protocols;
        try {
            protocols = ServerHandshake.parse(new HandshakeRequest("GET", "/", "HTTP/1.1", headers)).requestedProtocols();
        } catch (HandshakeRejectedException refused) {
            assertThat(refused.status()).isEqualTo(400);
            return;
        }
        assertThat(new HashSet<>(protocols)).hasSameSizeAs(protocols);
        for (String protocol : protocols) {
            assertThat(protocol).isNotEmpty().doesNotContain(",", " ", "\t", "\"", ";");
        }
    }
}
