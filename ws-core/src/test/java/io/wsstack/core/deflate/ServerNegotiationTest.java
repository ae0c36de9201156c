package io.wsstack.core.deflate;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.core.extension.ExtensionHeaderParser;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server's choice among a client's permessage-deflate offers (RFC 7692 §5, §7.1), as negotiated
 * with java.util.zip (15-bit windows only) on every JVM; {@link WindowNegotiationTest} covers the
 * FFM binding's window negotiation.
 */
class ServerNegotiationTest {

    /** The response element for {@code header}, or "declined". */
    private static String answer(DeflateOptions options, String header) {
        try (ServerDeflateNegotiator negotiator = new ServerDeflateNegotiator(options, false)) {
            Optional<NegotiatedDeflate> result = negotiator.negotiate(ExtensionHeaderParser.parseLenient(header));
            return result.map(n -> n.responseElement().toHeaderValue()).orElse("declined");
        }
    }

    private static String answer(String header) {
        return answer(DeflateOptions.defaults(), header);
    }

    private static NegotiatedDeflate agreement(DeflateOptions options, String header) {
        try (ServerDeflateNegotiator negotiator = new ServerDeflateNegotiator(options, false)) {
            return negotiator.negotiate(ExtensionHeaderParser.parseLenient(header)).orElseThrow();
        }
    }

    @Test
    @DisplayName("RFC 7692 §5: a plain offer is accepted with a plain response and full windows with context takeover")
    void plainOffer() {
        NegotiatedDeflate n = agreement(DeflateOptions.defaults(), "permessage-deflate");
        assertThat(n.responseElement().toHeaderValue()).isEqualTo("permessage-deflate");
        assertThat(n.serverNoContextTakeover()).isFalse();
        assertThat(n.clientNoContextTakeover()).isFalse();
        assertThat(n.serverMaxWindowBits()).isEqualTo(15);
        assertThat(n.clientMaxWindowBits()).isEqualTo(15);
    }

    @Test
    @DisplayName("RFC 7692 §5: no header, an empty header, or other extensions only → no permessage-deflate")
    void nothingOffered() {
        assertThat(answer("")).isEqualTo("declined");
        assertThat(answer("x-webkit-deflate-frame")).isEqualTo("declined");
        try (ServerDeflateNegotiator negotiator = new ServerDeflateNegotiator(DeflateOptions.defaults())) {
            assertThat(negotiator.negotiate(ExtensionHeaderParser.parseLenient((String) null))).isEmpty();
        }
    }

    @Test
    @DisplayName("RFC 6455 §9.1: elements of other extensions are skipped")
    void otherExtensionsSkipped() {
        assertThat(answer("x-webkit-deflate-frame, permessage-deflate")).isEqualTo("permessage-deflate");
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1.1: an offered server_no_context_takeover is accepted and echoed")
    void serverNoContextTakeoverOffered() {
        NegotiatedDeflate n = agreement(DeflateOptions.defaults(), "permessage-deflate; server_no_context_takeover");
        assertThat(n.responseElement().toHeaderValue()).isEqualTo("permessage-deflate; server_no_context_takeover");
        assertThat(n.serverNoContextTakeover()).isTrue();
        assertThat(n.clientNoContextTakeover()).isFalse();
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1.2: an offered client_no_context_takeover is echoed, which makes it binding")
    void clientNoContextTakeoverOffered() {
        NegotiatedDeflate n = agreement(DeflateOptions.defaults(), "permessage-deflate; client_no_context_takeover");
        assertThat(n.responseElement().toHeaderValue()).isEqualTo("permessage-deflate; client_no_context_takeover");
        assertThat(n.clientNoContextTakeover()).isTrue();
        assertThat(n.serverNoContextTakeover()).isFalse();
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1.1: a server configured for no context takeover says so even when not offered")
    void serverConfiguredNoContextTakeover() {
        DeflateOptions options = DeflateOptions.builder().serverNoContextTakeover(true).build();
        assertThat(answer(options, "permessage-deflate")).isEqualTo("permessage-deflate; server_no_context_takeover");
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1.2: a server may require client_no_context_takeover even when not offered")
    void serverRequiresClientNoContextTakeover() {
        DeflateOptions options = DeflateOptions.builder().clientNoContextTakeover(true).build();
        assertThat(answer(options, "permessage-deflate")).isEqualTo("permessage-deflate; client_no_context_takeover");
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1: shared mode always answers both no_context_takeover parameters")
    void sharedModeAnswersBoth() {
        DeflateOptions shared = DeflateOptions.builder().mode(DeflateMode.SHARED).build();
        assertThat(answer(shared, "permessage-deflate"))
                .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        assertThat(answer(shared, "permessage-deflate; client_max_window_bits"))
                .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        NegotiatedDeflate n = agreement(shared, "permessage-deflate; server_no_context_takeover");
        assertThat(n.serverNoContextTakeover()).isTrue();
        assertThat(n.clientNoContextTakeover()).isTrue();
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.1: server_max_window_bits=15 is accepted and echoed")
    void serverMaxWindowBits15() {
        assertThat(answer("permessage-deflate; server_max_window_bits=15"))
                .isEqualTo("permessage-deflate; server_max_window_bits=15");
        assertThat(answer("permessage-deflate; server_max_window_bits=\"15\""))
                .isEqualTo("permessage-deflate; server_max_window_bits=15");
    }

    @ParameterizedTest(name = "server_max_window_bits={0}")
    @ValueSource(strings = {"8", "9", "10", "14"})
    @DisplayName("RFC 7692 §7.1.2.1: server_max_window_bits below 15 is declined (java.util.zip compresses with 32 KiB)")
    void smallServerWindowDeclined(String bits) {
        assertThat(answer("permessage-deflate; server_max_window_bits=" + bits)).isEqualTo("declined");
    }

    @Test
    @DisplayName("RFC 7692 §5: offers are tried in order; server_max_window_bits=10 is declined and the next offer accepted")
    void fallbackToNextOffer() {
        assertThat(answer("permessage-deflate; server_max_window_bits=10, permessage-deflate"))
                .isEqualTo("permessage-deflate");
        assertThat(answer("permessage-deflate; server_max_window_bits=10, permessage-deflate; client_no_context_takeover"))
                .isEqualTo("permessage-deflate; client_no_context_takeover");
    }

    @Test
    @DisplayName("RFC 7692 §5: the first acceptable offer wins over later ones")
    void firstAcceptableWins() {
        assertThat(answer("permessage-deflate; server_no_context_takeover, permessage-deflate"))
                .isEqualTo("permessage-deflate; server_no_context_takeover");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "server_max_window_bits=7", "server_max_window_bits=16", "server_max_window_bits=abc",
            "server_max_window_bits=08", "server_max_window_bits=015", "server_max_window_bits=+9",
            "server_max_window_bits=-1", "server_max_window_bits=1e1", "server_max_window_bits=\"16\"",
            "server_max_window_bits=99999999999999999999", "server_max_window_bits",
            "client_max_window_bits=7", "client_max_window_bits=16", "client_max_window_bits=abc",
            "client_max_window_bits=08", "client_max_window_bits=0"})
    @DisplayName("RFC 7692 §7.1.2: window bits that are not a plain decimal 8-15 decline the offer, never an error")
    void invalidWindowBitsDeclined(String param) {
        assertThat(answer("permessage-deflate; " + param)).isEqualTo("declined");
        assertThat(answer("permessage-deflate; " + param + ", permessage-deflate")).isEqualTo("permessage-deflate");
    }

    @Test
    @DisplayName("RFC 6455 §9.1: an empty value breaks the grammar; the element is dropped and the next offer used")
    void emptyValueDeclined() {
        assertThat(answer("permessage-deflate; server_max_window_bits=")).isEqualTo("declined");
        assertThat(answer("permessage-deflate; server_max_window_bits=, permessage-deflate")).isEqualTo("permessage-deflate");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "server_no_context_takeover; server_no_context_takeover",
            "client_no_context_takeover; client_no_context_takeover",
            "server_max_window_bits=15; server_max_window_bits=15",
            "client_max_window_bits; client_max_window_bits=10",
            "client_max_window_bits=10; client_max_window_bits=10",
            "server_no_context_takeover; SERVER_NO_CONTEXT_TAKEOVER"})
    @DisplayName("RFC 7692 §7.1: a duplicated parameter declines the offer")
    void duplicateDeclined(String params) {
        assertThat(answer("permessage-deflate; " + params)).isEqualTo("declined");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"foo", "x=1", "server_max_window", "client_no_context_takeover_x", "mux"})
    @DisplayName("RFC 7692 §7.1: an unknown parameter declines the offer")
    void unknownParameterDeclined(String param) {
        assertThat(answer("permessage-deflate; " + param)).isEqualTo("declined");
        assertThat(answer("permessage-deflate; " + param + ", permessage-deflate")).isEqualTo("permessage-deflate");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"server_no_context_takeover=1", "client_no_context_takeover=true",
            "server_no_context_takeover=\"x\"", "client_no_context_takeover=0"})
    @DisplayName("RFC 7692 §7.1.1: a value on a no_context_takeover parameter declines the offer")
    void valueOnFlagDeclined(String param) {
        assertThat(answer("permessage-deflate; " + param)).isEqualTo("declined");
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.2: client_max_window_bits without value is accepted; the response omits it unless configured")
    void clientMaxWindowBitsWithoutValue() {
        NegotiatedDeflate n = agreement(DeflateOptions.defaults(), "permessage-deflate; client_max_window_bits");
        assertThat(n.responseElement().toHeaderValue()).isEqualTo("permessage-deflate");
        assertThat(n.clientMaxWindowBits()).isEqualTo(15);
        DeflateOptions twelve = DeflateOptions.builder().clientMaxWindowBits(12).build();
        assertThat(answer(twelve, "permessage-deflate; client_max_window_bits"))
                .isEqualTo("permessage-deflate; client_max_window_bits=12");
        assertThat(agreement(twelve, "permessage-deflate; client_max_window_bits").clientMaxWindowBits()).isEqualTo(12);
    }

    @ParameterizedTest(name = "client_max_window_bits={0}")
    @ValueSource(strings = {"8", "9", "10", "11", "12", "13", "14", "15"})
    @DisplayName("RFC 7692 §7.1.2.2: every valid client_max_window_bits is accepted (a full-window inflater reads any)")
    void clientMaxWindowBitsWithValue(String bits) {
        NegotiatedDeflate n = agreement(DeflateOptions.defaults(), "permessage-deflate; client_max_window_bits=" + bits);
        assertThat(n.responseElement().toHeaderValue()).isEqualTo("permessage-deflate");
        assertThat(n.clientMaxWindowBits()).isEqualTo(Integer.parseInt(bits));
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.2: the answered client_max_window_bits never exceeds the offered value")
    void answeredClientWindowNotAboveOffer() {
        DeflateOptions twelve = DeflateOptions.builder().clientMaxWindowBits(12).build();
        assertThat(answer(twelve, "permessage-deflate; client_max_window_bits=10"))
                .isEqualTo("permessage-deflate; client_max_window_bits=10");
        assertThat(answer(twelve, "permessage-deflate; client_max_window_bits=14"))
                .isEqualTo("permessage-deflate; client_max_window_bits=12");
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.2: client_max_window_bits is never answered to an offer without it")
    void clientWindowNotAnsweredUnoffered() {
        DeflateOptions twelve = DeflateOptions.builder().clientMaxWindowBits(12).build();
        assertThat(answer(twelve, "permessage-deflate")).isEqualTo("permessage-deflate");
    }

    @Test
    @DisplayName("RFC 7692 §7.1: all four parameters together are accepted and answered in a fixed order")
    void allParameters() {
        assertThat(answer("permessage-deflate; client_max_window_bits; server_max_window_bits=15; "
                + "client_no_context_takeover; server_no_context_takeover"))
                .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
                        + "server_max_window_bits=15");
    }

    @Test
    @DisplayName("RFC 6455 §9.1: extension and parameter names compare case-insensitively")
    void caseInsensitiveNames() {
        assertThat(answer("PerMessage-Deflate; Server_No_Context_Takeover"))
                .isEqualTo("permessage-deflate; server_no_context_takeover");
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.1: with java.util.zip a configured server window below 15 is ignored, never promised")
    void serverWindowConfigIgnoredWithoutBinding() {
        DeflateOptions options = DeflateOptions.builder().serverMaxWindowBits(10).build();
        NegotiatedDeflate n = agreement(options, "permessage-deflate");
        assertThat(n.responseElement().toHeaderValue()).isEqualTo("permessage-deflate");
        assertThat(n.serverMaxWindowBits()).isEqualTo(15);
        assertThat(answer(options, "permessage-deflate; server_max_window_bits=10")).isEqualTo("declined");
    }
}
