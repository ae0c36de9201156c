package io.wsstack.core.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsstack.core.deflate.DeflateNegotiationException.Reason;
import io.wsstack.core.extension.ExtensionHeaderParser;
import io.wsstack.core.extension.ExtensionOffer;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The client's offers and its checks of the server's answer (RFC 7692 §5, §7.1). */
class ClientNegotiationTest {

    private static String offers(DeflateOptions options) {
        try (ClientDeflateNegotiator negotiator = new ClientDeflateNegotiator(options, false)) {
            return ExtensionOffer.toHeaderValue(negotiator.offers());
        }
    }

    private static Optional<NegotiatedDeflate> accept(DeflateOptions options, String response) {
        try (ClientDeflateNegotiator negotiator = new ClientDeflateNegotiator(options, false)) {
            return negotiator.accept(ExtensionHeaderParser.parseStrict(response));
        }
    }

    private static NegotiatedDeflate accepted(DeflateOptions options, String response) {
        return accept(options, response).orElseThrow();
    }

    private static Reason refusal(DeflateOptions options, String response) {
        try {
            accept(options, response);
        } catch (DeflateNegotiationException e) {
            assertThat(e.getMessage()).isNotBlank();
            return e.reason();
        }
        throw new AssertionError("response accepted: " + response);
    }

    private static final DeflateOptions OFFERS_CLIENT_WINDOW = DeflateOptions.builder().offerClientMaxWindowBits().build();

    @Test
    @DisplayName("RFC 7692 §5: the default offer is plain permessage-deflate")
    void defaultOffer() {
        assertThat(offers(DeflateOptions.defaults())).isEqualTo("permessage-deflate");
    }

    @Test
    @DisplayName("RFC 7692 §7.1: every configured parameter is offered")
    void fullOffer() {
        DeflateOptions options = DeflateOptions.builder().serverNoContextTakeover(true).clientNoContextTakeover(true)
                .serverMaxWindowBits(10).offerClientMaxWindowBits().build();
        assertThat(offers(options)).isEqualTo("permessage-deflate; server_no_context_takeover; "
                + "client_no_context_takeover; server_max_window_bits=10; client_max_window_bits");
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.2: client_max_window_bits=15 may be offered with its value")
    void clientWindowOfferedWithValue() {
        DeflateOptions options = DeflateOptions.builder().clientMaxWindowBits(15).offerClientMaxWindowBits().build();
        assertThat(offers(options)).isEqualTo("permessage-deflate; client_max_window_bits=15");
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1: shared mode offers both no_context_takeover parameters")
    void sharedModeOffer() {
        assertThat(offers(DeflateOptions.builder().mode(DeflateMode.SHARED).build()))
                .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
    }

    @Test
    @DisplayName("RFC 7692 §5: a fallback plain offer follows a configured one, and is not repeated for a plain one")
    void fallbackOffer() {
        assertThat(offers(DeflateOptions.builder().mode(DeflateMode.SHARED).fallbackOffer(true).build()))
                .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover, permessage-deflate");
        assertThat(offers(DeflateOptions.builder().fallbackOffer(true).build())).isEqualTo("permessage-deflate");
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.2: a client cannot be configured to compress with fewer than 15 window bits")
    void smallClientWindowRejected() {
        DeflateOptions options = DeflateOptions.builder().clientMaxWindowBits(10).build();
        assertThatThrownBy(() -> new ClientDeflateNegotiator(options, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 KiB");
    }

    @Test
    @DisplayName("RFC 7692 §5: a response without permessage-deflate means the server declined")
    void declinedByServer() {
        assertThat(accept(DeflateOptions.defaults(), "")).isEmpty();
        assertThat(accept(DeflateOptions.defaults(), "x-other")).isEmpty();
    }

    @Test
    @DisplayName("RFC 7692 §7.1: a plain response gives context takeover and full windows both ways")
    void plainResponse() {
        NegotiatedDeflate n = accepted(DeflateOptions.defaults(), "permessage-deflate");
        assertThat(n.serverNoContextTakeover()).isFalse();
        assertThat(n.clientNoContextTakeover()).isFalse();
        assertThat(n.serverMaxWindowBits()).isEqualTo(15);
        assertThat(n.clientMaxWindowBits()).isEqualTo(15);
        assertThat(n.responseElement().toHeaderValue()).isEqualTo("permessage-deflate");
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1.1: an unsolicited server_no_context_takeover is accepted")
    void unsolicitedServerNoContextTakeover() {
        assertThat(accepted(DeflateOptions.defaults(), "permessage-deflate; server_no_context_takeover")
                .serverNoContextTakeover()).isTrue();
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1.2: an unsolicited client_no_context_takeover is accepted and binds the client")
    void unsolicitedClientNoContextTakeover() {
        assertThat(accepted(DeflateOptions.defaults(), "permessage-deflate; client_no_context_takeover")
                .clientNoContextTakeover()).isTrue();
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1.2: a client that offered client_no_context_takeover keeps to it even if not echoed")
    void clientKeepsItsOwnNoContextTakeover() {
        DeflateOptions options = DeflateOptions.builder().clientNoContextTakeover(true).build();
        assertThat(accepted(options, "permessage-deflate").clientNoContextTakeover()).isTrue();
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.1: a valid server_max_window_bits is accepted even if not offered")
    void serverWindowAccepted() {
        assertThat(accepted(DeflateOptions.defaults(), "permessage-deflate; server_max_window_bits=10")
                .serverMaxWindowBits()).isEqualTo(10);
        DeflateOptions ten = DeflateOptions.builder().serverMaxWindowBits(10).build();
        assertThat(accepted(ten, "permessage-deflate; server_max_window_bits=9").serverMaxWindowBits()).isEqualTo(9);
        assertThat(accepted(ten, "permessage-deflate; server_max_window_bits=10").serverMaxWindowBits()).isEqualTo(10);
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.1: server_max_window_bits above the offered value fails, unless a fallback was offered")
    void serverWindowAboveOffer() {
        DeflateOptions ten = DeflateOptions.builder().serverMaxWindowBits(10).build();
        assertThat(refusal(ten, "permessage-deflate; server_max_window_bits=12")).isEqualTo(Reason.VALUE_ABOVE_OFFER);
        assertThat(refusal(ten, "permessage-deflate")).isEqualTo(Reason.VALUE_ABOVE_OFFER);
        DeflateOptions tenWithFallback = DeflateOptions.builder().serverMaxWindowBits(10).fallbackOffer(true).build();
        assertThat(accepted(tenWithFallback, "permessage-deflate").serverMaxWindowBits()).isEqualTo(15);
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.2: client_max_window_bits=15 is accepted when offered")
    void clientWindow15Accepted() {
        assertThat(accepted(OFFERS_CLIENT_WINDOW, "permessage-deflate; client_max_window_bits=15")
                .clientMaxWindowBits()).isEqualTo(15);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "permessage-deflate; foo | UNKNOWN_PARAMETER",
            "permessage-deflate; server_no_context_takeover; server_no_context_takeover | DUPLICATE_PARAMETER",
            "permessage-deflate; server_max_window_bits=10; server_max_window_bits=10 | DUPLICATE_PARAMETER",
            "permessage-deflate; server_max_window_bits=7 | INVALID_VALUE",
            "permessage-deflate; server_max_window_bits=16 | INVALID_VALUE",
            "permessage-deflate; server_max_window_bits=abc | INVALID_VALUE",
            "permessage-deflate; server_max_window_bits=08 | INVALID_VALUE",
            "permessage-deflate; server_max_window_bits | MISSING_VALUE",
            "permessage-deflate; server_no_context_takeover=1 | UNEXPECTED_VALUE",
            "permessage-deflate; client_no_context_takeover=x | UNEXPECTED_VALUE",
            "permessage-deflate; client_max_window_bits=15 | UNSOLICITED_PARAMETER",
            "permessage-deflate, permessage-deflate | DUPLICATE_EXTENSION",
            "permessage-deflate; server_no_context_takeover, x-other, permessage-deflate | DUPLICATE_EXTENSION"})
    @DisplayName("RFC 7692 §7.1: a client refuses a bad response with a specific reason")
    void badResponses(String response, Reason reason) {
        assertThat(refusal(DeflateOptions.defaults(), response)).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "permessage-deflate; client_max_window_bits=10 | UNSUPPORTED_WINDOW",
            "permessage-deflate; client_max_window_bits=8 | UNSUPPORTED_WINDOW",
            "permessage-deflate; client_max_window_bits=14 | UNSUPPORTED_WINDOW",
            "permessage-deflate; client_max_window_bits | MISSING_VALUE",
            "permessage-deflate; client_max_window_bits=16 | INVALID_VALUE"})
    @DisplayName("RFC 7692 §7.1.2.2: client_max_window_bits below 15 fails cleanly: java.util.zip compresses with 32 KiB")
    void clientWindowResponses(String response, Reason reason) {
        assertThat(refusal(OFFERS_CLIENT_WINDOW, response)).isEqualTo(reason);
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.2: the refusal of a small client window says why")
    void unsupportedWindowMessage() {
        assertThatThrownBy(() -> accept(OFFERS_CLIENT_WINDOW, "permessage-deflate; client_max_window_bits=10"))
                .isInstanceOf(DeflateNegotiationException.class)
                .hasMessageContaining("client_max_window_bits=10").hasMessageContaining("32 KiB");
    }
}
