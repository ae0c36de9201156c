package io.wsstack.core.deflate;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.core.extension.ExtensionHeaderParser;
import io.wsstack.core.extension.ExtensionOffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Window negotiation with the FFM zlib binding (RFC 7692 §7.1.2), checked on every JVM through the
 * negotiators' "small windows supported" switch: every combination of offered
 * {@code server_max_window_bits} (absent, 8–15), offered {@code client_max_window_bits} (absent,
 * without value, 8–15) and the server's own window (9, 12, 15).
 */
class WindowNegotiationTest {

    /** 0 = absent, -1 = client_max_window_bits without a value. */
    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (int server = 0; server <= 15; server = server == 0 ? 8 : server + 1) {
            for (int client = -1; client <= 15; client = client == 0 ? 8 : client + 1) {
                for (int configured : new int[] {9, 12, 15}) {
                    all.add(Arguments.of(server, client, configured));
                }
            }
        }
        return all.stream();
    }

    private static String offer(int server, int client) {
        StringBuilder b = new StringBuilder("permessage-deflate");
        if (server != 0) {
            b.append("; server_max_window_bits=").append(server);
        }
        if (client == -1) {
            b.append("; client_max_window_bits");
        } else if (client != 0) {
            b.append("; client_max_window_bits=").append(client);
        }
        return b.toString();
    }

    @ParameterizedTest(name = "server_max_window_bits={0} client_max_window_bits={1} (-1: no value, 0: absent), server window {2}")
    @MethodSource("combinations")
    @DisplayName("RFC 7692 §7.1.2: every window offer is accepted and answered with the window really used, never above the offer")
    void everyCombination(int server, int client, int configured) {
        DeflateOptions options = DeflateOptions.builder().serverMaxWindowBits(configured)
                .clientMaxWindowBits(configured).build();
        try (ServerDeflateNegotiator negotiator = new ServerDeflateNegotiator(options, true)) {
            NegotiatedDeflate n = negotiator.negotiate(ExtensionHeaderParser.parseLenient(offer(server, client)))
                    .orElseThrow();
            DeflateParameters answered = DeflateParameters.parse(
                    ExtensionHeaderParser.parseStrict(n.responseElement().toHeaderValue()).get(0));

            int offeredServer = server == 0 ? 15 : server;
            int expectedServer = Math.min(offeredServer, configured);
            assertThat(n.serverMaxWindowBits()).isEqualTo(expectedServer);
            if (server != 0 || expectedServer < 15) {
                // §7.1.2.1: an offered value is answered with the same or a smaller one; a smaller
                // own window is announced even when not offered.
                assertThat(answered.serverMaxWindowBits()).isEqualTo(expectedServer);
            } else {
                assertThat(answered.serverMaxWindowBits()).isZero();
            }
            if (client == 0) {
                // §7.1.2.2: never answered unless offered; the client may then use any window.
                assertThat(answered.clientMaxWindowBitsSent()).isFalse();
                assertThat(n.clientMaxWindowBits()).isEqualTo(15);
            } else {
                int offeredClient = client == -1 ? 15 : client;
                assertThat(answered.clientMaxWindowBits()).isEqualTo(Math.min(offeredClient, configured));
                assertThat(n.clientMaxWindowBits()).isEqualTo(answered.clientMaxWindowBits());
            }
        }
    }

    @ParameterizedTest(name = "client offers server {0}, client {1}")
    @MethodSource("clientPairs")
    @DisplayName("RFC 7692 §7.1.2: our client and server agree on both windows for every pair 8-15 the client offers")
    void clientAndServerAgree(int server, int client) {
        DeflateOptions clientOptions = DeflateOptions.builder().serverMaxWindowBits(server).clientMaxWindowBits(client)
                .offerClientMaxWindowBits().build();
        DeflateOptions serverOptions = DeflateOptions.builder().preset(DeflatePreset.DEDICATED_16KB).build();
        try (ClientDeflateNegotiator c = new ClientDeflateNegotiator(clientOptions, true);
             ServerDeflateNegotiator s = new ServerDeflateNegotiator(serverOptions, true)) {
            String request = ExtensionOffer.toHeaderValue(c.offers());
            NegotiatedDeflate serverSide = s.negotiate(ExtensionHeaderParser.parseLenient(request)).orElseThrow();
            NegotiatedDeflate clientSide = c.accept(ExtensionHeaderParser.parseStrict(
                    serverSide.responseElement().toHeaderValue())).orElseThrow();

            int expectedServer = Math.min(server, DeflatePreset.DEDICATED_16KB.windowBits());
            int expectedClient = Math.min(client, DeflatePreset.DEDICATED_16KB.windowBits());
            assertThat(serverSide.serverMaxWindowBits()).isEqualTo(expectedServer);
            assertThat(clientSide.serverMaxWindowBits()).isEqualTo(expectedServer);
            assertThat(serverSide.clientMaxWindowBits()).isEqualTo(expectedClient);
            assertThat(clientSide.clientMaxWindowBits()).isEqualTo(expectedClient);
        }
    }

    static Stream<Arguments> clientPairs() {
        List<Arguments> all = new ArrayList<>();
        for (int server = 8; server <= 15; server++) {
            for (int client = 8; client <= 15; client++) {
                all.add(Arguments.of(server, client));
            }
        }
        return all.stream();
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.2: a client compresses with its own smaller window even when the server allows more")
    void clientUsesItsOwnSmallerWindow() {
        DeflateOptions clientOptions = DeflateOptions.builder().clientMaxWindowBits(10).build();
        try (ClientDeflateNegotiator c = new ClientDeflateNegotiator(clientOptions, true)) {
            assertThat(ExtensionOffer.toHeaderValue(c.offers())).isEqualTo("permessage-deflate");
            NegotiatedDeflate n = c.accept(ExtensionHeaderParser.parseStrict("permessage-deflate")).orElseThrow();
            assertThat(n.clientMaxWindowBits()).isEqualTo(10);
            assertThat(n.serverMaxWindowBits()).isEqualTo(15);
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.2: a client_max_window_bits answer above the offered value fails the handshake")
    void clientWindowAboveOfferRefused() {
        DeflateOptions clientOptions = DeflateOptions.builder().clientMaxWindowBits(10).offerClientMaxWindowBits().build();
        try (ClientDeflateNegotiator c = new ClientDeflateNegotiator(clientOptions, true)) {
            assertThat(ExtensionOffer.toHeaderValue(c.offers())).isEqualTo("permessage-deflate; client_max_window_bits=10");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.accept(ExtensionHeaderParser.parseStrict(
                            "permessage-deflate; client_max_window_bits=12")))
                    .isInstanceOf(DeflateNegotiationException.class)
                    .extracting(e -> ((DeflateNegotiationException) e).reason())
                    .isEqualTo(DeflateNegotiationException.Reason.VALUE_ABOVE_OFFER);
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.1: a server_max_window_bits the client did not offer is accepted and sizes its inflater")
    void unsolicitedServerWindowAccepted() {
        try (ClientDeflateNegotiator c = new ClientDeflateNegotiator(DeflateOptions.defaults(), true)) {
            NegotiatedDeflate n = c.accept(ExtensionHeaderParser.parseStrict(
                    "permessage-deflate; server_max_window_bits=9")).orElseThrow();
            assertThat(n.serverMaxWindowBits()).isEqualTo(9);
        }
    }
}
