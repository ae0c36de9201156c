package io.wsstack.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wsstack.core.handshake.HandshakeRejectedException;
import io.wsstack.core.handshake.HandshakeRequest;
import io.wsstack.core.handshake.HttpHeadParser;
import io.wsstack.core.handshake.HttpHeaders;
import io.wsstack.core.handshake.MalformedHttpHeadException;
import io.wsstack.core.handshake.ServerHandshake;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Arbitrary bytes, in random pieces, as an upgrade request: {@link HttpHeadParser} then
 * {@link ServerHandshake#parse}. The only outcomes are "need more bytes", a parsed handshake whose
 * 101 can be rendered, a {@link MalformedHttpHeadException} answered with 400 or 431 (RFC 9112,
 * RFC 6585 §5), or a {@link HandshakeRejectedException} answered with 400 or 426 (RFC 6455 §4.2.1,
 * §4.2.2) whose response says {@code Connection: close}. The parser never holds more than its cap.
 */
class HandshakeRequestFuzzTest {

    private static final int MAX_HEAD = 2048;
    private static final Set<Integer> HEAD_STATUSES = Set.of(400, 431);
    private static final Set<Integer> HANDSHAKE_STATUSES = Set.of(400, 426);

    /** Input layout, so that seeds are readable requests: byte 0 seeds the piece sizes, the rest is the request. */
    @FuzzTest
    void endsOnlyInTypedAnswers(byte[] input) {
        if (input.length < 1) {
            return;
        }
        HttpHeadParser parser = new HttpHeadParser(MAX_HEAD, 32);
        HandshakeRequest request = null;
        int pieceSeed = input[0] & 0xFF;
        try {
            for (int offset = 1, i = 1; request == null && offset < input.length; i++) {
                int n = Math.min(input.length - offset, 1 + (pieceSeed * i) % 257);
                ByteBuffer piece = ByteBuffer.wrap(input, offset, n);
                request = parser.parseRequest(piece);
                offset += n;
                if (request != null) {
                    assertThat(parser.headLength()).isBetween(1, MAX_HEAD);
                }
            }
        } catch (MalformedHttpHeadException malformed) {
            assertThat(HEAD_STATUSES).contains(malformed.httpStatus());
            return;
        }
        if (request == null) {
            return;
        }
        try {
            ServerHandshake handshake = ServerHandshake.parse(request);
            byte[] response = handshake.accept(null, List.of(), new HttpHeaders()).toBytes();
            assertThat(new String(response, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 101 ");
        } catch (HandshakeRejectedException refused) {
            assertThat(HANDSHAKE_STATUSES).contains(refused.status());
            assertThat(new String(refused.toResponseBytes(), StandardCharsets.ISO_8859_1))
                    .startsWith("HTTP/1.1 " + refused.status() + " ").containsIgnoringCase("Connection: close");
        }
    }
}
