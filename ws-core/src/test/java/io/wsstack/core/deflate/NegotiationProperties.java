package io.wsstack.core.deflate;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.core.extension.ExtensionHeaderParser;
import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.extension.ExtensionParameter;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Hostile offer lists never make the server throw (bad input #18: decline, never 500). */
class NegotiationProperties {

    private static final List<String> NAMES = List.of("server_no_context_takeover", "client_no_context_takeover",
            "server_max_window_bits", "client_max_window_bits", "Server_Max_Window_Bits", "x", "permessage-deflate");
    private static final List<String> VALUES = List.of("8", "9", "10", "15", "16", "7", "08", "-1", "abc",
            "99999999999", "\"12\"", "1.5");

    @Property(tries = 500)
    @Label("RFC 7692 §5 / bad input #18: any list of offers is accepted or declined, never an exception")
    void neverThrows(@ForAll("offerLists") List<ExtensionOffer> offers, @ForAll boolean shared,
                     @ForAll boolean smallWindows) {
        DeflateOptions options = DeflateOptions.builder().mode(shared ? DeflateMode.SHARED : DeflateMode.DEDICATED)
                .clientMaxWindowBits(12).build();
        String header = ExtensionOffer.toHeaderValue(offers);
        try (ServerDeflateNegotiator server = new ServerDeflateNegotiator(options, smallWindows)) {
            Optional<NegotiatedDeflate> result = server.negotiate(ExtensionHeaderParser.parseLenient(header));
            result.ifPresent(n -> {
                List<ExtensionOffer> reparsed = ExtensionHeaderParser.parseStrict(n.responseElement().toHeaderValue());
                assertThat(reparsed).hasSize(1);
                DeflateParameters answered = DeflateParameters.parse(reparsed.get(0));
                if (smallWindows) {
                    // The FFM binding: any 8-15, and the codec uses exactly what was answered.
                    assertThat(answered.serverMaxWindowBits()).isIn(0, 8, 9, 10, 11, 12, 13, 14, 15);
                    assertThat(n.serverMaxWindowBits())
                            .isEqualTo(answered.serverMaxWindowBits() == 0 ? 15 : answered.serverMaxWindowBits());
                    if (answered.clientMaxWindowBitsSent()) {
                        assertThat(answered.clientMaxWindowBits()).isBetween(8, 12);
                        assertThat(n.clientMaxWindowBits()).isEqualTo(answered.clientMaxWindowBits());
                    }
                } else {
                    assertThat(answered.serverMaxWindowBits()).isIn(0, 15);
                    assertThat(n.serverMaxWindowBits()).isEqualTo(15);
                }
                if (shared) {
                    assertThat(answered.serverNoContextTakeover() && answered.clientNoContextTakeover()).isTrue();
                }
            });
        }
    }

    @Provide
    Arbitrary<List<ExtensionOffer>> offerLists() {
        Arbitrary<ExtensionParameter> parameter = Combinators.combine(
                Arbitraries.of(NAMES), Arbitraries.of(VALUES).injectNull(0.5)).as(ExtensionParameter::new);
        Arbitrary<ExtensionOffer> offer = Combinators.combine(
                Arbitraries.of("permessage-deflate", "PERMESSAGE-DEFLATE", "x-webkit-deflate-frame"),
                parameter.list().ofMaxSize(5)).as(ExtensionOffer::new);
        return offer.list().ofMaxSize(4);
    }
}
