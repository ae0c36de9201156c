package io.wsstack.core.deflate;

import static io.wsstack.core.deflate.Hex.bytes;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsstack.core.Role;
import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.core.extension.ExtensionHeaderParser;
import io.wsstack.core.extension.MessageCompression;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Context takeover in each direction follows the negotiated parameters, and the inflater follows the
 * peer's setting, never our own (bad input #17).
 */
class ContextTakeoverTest {

    private static final byte[] HELLO = "Hello".getBytes(US_ASCII);

    private static MessageCompression codec(String response, Role role) {
        try (ClientDeflateNegotiator client = new ClientDeflateNegotiator(DeflateOptions.defaults())) {
            return client.accept(ExtensionHeaderParser.parseStrict(response)).orElseThrow().newCompression(role);
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1.1 / bad input #17: server_no_context_takeover alone: the server's inflater keeps the client's context")
    void serverInflaterFollowsClientTakeover() {
        try (MessageCompression server = codec("permessage-deflate; server_no_context_takeover", Role.SERVER)) {
            assertThat(Codecs.inflate(server, List.of(bytes("f2 48 cd c9 c9 07 00")))).isEqualTo(HELLO);
            assertThat(Codecs.inflate(server, List.of(bytes("f2 00 11 00 00")))).isEqualTo(HELLO);
            assertThat(Hex.of(Codecs.compress(server, HELLO))).isEqualTo("f2 48 cd c9 c9 07 00");
            assertThat(Hex.of(Codecs.compress(server, HELLO))).isEqualTo("f2 48 cd c9 c9 07 00");
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1.1 / bad input #17: with server_no_context_takeover the client's inflater resets, so a back-reference → 1007")
    void clientInflaterResetsForServerNoTakeover() {
        try (MessageCompression client = codec("permessage-deflate; server_no_context_takeover", Role.CLIENT)) {
            assertThat(Codecs.inflate(client, List.of(bytes("f2 48 cd c9 c9 07 00")))).isEqualTo(HELLO);
            assertThatThrownBy(() -> Codecs.inflate(client, List.of(bytes("f2 00 11 00 00"))))
                    .isInstanceOf(WebSocketProtocolException.InvalidPayload.class);
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1.2 / bad input #17: with client_no_context_takeover the server's inflater resets, so a back-reference → 1007")
    void serverInflaterResetsForClientNoTakeover() {
        try (MessageCompression server = codec("permessage-deflate; client_no_context_takeover", Role.SERVER)) {
            assertThat(Codecs.inflate(server, List.of(bytes("f2 48 cd c9 c9 07 00")))).isEqualTo(HELLO);
            assertThatThrownBy(() -> Codecs.inflate(server, List.of(bytes("f2 00 11 00 00"))))
                    .isInstanceOf(WebSocketProtocolException.InvalidPayload.class);
            assertThat(Hex.of(Codecs.compress(server, HELLO))).isEqualTo("f2 48 cd c9 c9 07 00");
            assertThat(Hex.of(Codecs.compress(server, HELLO))).as("server keeps its own context")
                    .isEqualTo("f2 00 11 00 00");
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1.2: with client_no_context_takeover the client's deflater resets after each message")
    void clientDeflaterResets() {
        try (MessageCompression client = codec("permessage-deflate; client_no_context_takeover", Role.CLIENT)) {
            assertThat(Hex.of(Codecs.compress(client, HELLO))).isEqualTo("f2 48 cd c9 c9 07 00");
            assertThat(Hex.of(Codecs.compress(client, HELLO))).isEqualTo("f2 48 cd c9 c9 07 00");
            assertThat(Codecs.inflate(client, List.of(bytes("f2 48 cd c9 c9 07 00")))).isEqualTo(HELLO);
            assertThat(Codecs.inflate(client, List.of(bytes("f2 00 11 00 00")))).as("server kept its context")
                    .isEqualTo(HELLO);
        }
    }

    static Stream<Arguments> everyCombination() {
        List<Arguments> all = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            for (int s = 0; s < 8; s++) {
                DeflateOptions client = DeflateOptions.builder()
                        .serverNoContextTakeover((c & 1) != 0).clientNoContextTakeover((c & 2) != 0)
                        .mode((c & 4) != 0 ? DeflateMode.SHARED : DeflateMode.DEDICATED)
                        .fallbackOffer((c & 8) != 0).offerClientMaxWindowBits().threshold(0).build();
                DeflateOptions server = DeflateOptions.builder()
                        .serverNoContextTakeover((s & 1) != 0).clientNoContextTakeover((s & 2) != 0)
                        .mode((s & 4) != 0 ? DeflateMode.SHARED : DeflateMode.DEDICATED).threshold(0).build();
                all.add(Arguments.of(client, server));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("everyCombination")
    @DisplayName("RFC 7692 §7.1: for every parameter combination both ends agree and messages round-trip both ways")
    void everyCombinationRoundTrips(DeflateOptions clientOptions, DeflateOptions serverOptions) {
        long deflaters = DeflateResources.liveDeflaters();
        long inflaters = DeflateResources.liveInflaters();
        try (Codecs.Pair pair = Codecs.negotiate(clientOptions, serverOptions)) {
            NegotiatedDeflate s = pair.serverSide();
            NegotiatedDeflate c = pair.clientSide();
            assertThat(c.serverNoContextTakeover()).isEqualTo(s.serverNoContextTakeover());
            assertThat(c.clientNoContextTakeover()).isEqualTo(s.clientNoContextTakeover());
            assertThat(c.responseElement()).isEqualTo(s.responseElement());
            assertThat(s.serverNoContextTakeover()).isEqualTo(clientOptions.serverNoContextTakeover()
                    || serverOptions.serverNoContextTakeover() || clientOptions.mode() == DeflateMode.SHARED
                    || serverOptions.mode() == DeflateMode.SHARED);
            byte[] message = "{\"type\":\"tick\",\"symbol\":\"ABC\",\"price\":101.25}".getBytes(US_ASCII);
            for (int i = 0; i < 3; i++) {
                byte[] toServer = Codecs.compress(pair.client(), message);
                assertThat(Codecs.inflate(pair.server(), List.of(toServer))).isEqualTo(message);
                byte[] toClient = Codecs.compress(pair.server(), message);
                assertThat(Codecs.inflate(pair.client(), List.of(toClient))).isEqualTo(message);
                if (i > 0) {
                    assertThat(toServer.length < 20).as("client context takeover shrinks repeats")
                            .isEqualTo(!s.clientNoContextTakeover());
                    assertThat(toClient.length < 20).as("server context takeover shrinks repeats")
                            .isEqualTo(!s.serverNoContextTakeover());
                }
            }
        }
        assertThat(DeflateResources.liveDeflaters()).isEqualTo(deflaters);
        assertThat(DeflateResources.liveInflaters()).isEqualTo(inflaters);
    }
}
