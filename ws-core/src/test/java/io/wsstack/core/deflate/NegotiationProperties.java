package io.wsstack.core.deflate;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.core.RandomCases;
import io.wsstack.core.extension.ExtensionHeaderParser;
import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.extension.ExtensionParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;

/** Hostile offer lists never make the server throw (bad input #18: decline, never 500). */
class NegotiationProperties {

    private static final List<String> NAMES = List.of("server_no_context_takeover", "client_no_context_takeover",
            "server_max_window_bits", "client_max_window_bits", "Server_Max_Window_Bits", "x", "permessage-deflate");
    private static final List<String> VALUES = List.of("8", "9", "10", "15", "16", "7", "08", "-1", "abc",
            "99999999999", "\"12\"", "1.5");

    private static final List<String> EXTENSIONS = List.of("permessage-deflate", "PERMESSAGE-DEFLATE",
            "x-webkit-deflate-frame");

    @ParameterizedTest(name = RandomCases.NAME)
    @RandomCases.Seeds(500)
    @DisplayName("RFC 7692 §5 / bad input #18: any list of offers is accepted or declined, never an exception")
    void neverThrows(long seed) {
        Random random = new Random(seed);
        List<ExtensionOffer> offers = offerLists(random);
        boolean shared = random.nextBoolean();
        boolean smallWindows = random.nextBoolean();
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

    /**
     * 0 to 4 offers, each one of three extension names with 0 to 5 parameters; a parameter is one of
     * {@code NAMES}, without a value half the time, otherwise with one of {@code VALUES}.
     */
    private static List<ExtensionOffer> offerLists(Random random) {
        List<ExtensionOffer> offers = new ArrayList<>();
        for (int o = random.nextInt(5); o > 0; o--) {
            List<ExtensionParameter> parameters = new ArrayList<>();
            for (int p = random.nextInt(6); p > 0; p--) {
                String value = random.nextBoolean() ? null : RandomCases.oneOf(random, VALUES);
                parameters.add(new ExtensionParameter(RandomCases.oneOf(random, NAMES), value));
            }
            offers.add(new ExtensionOffer(RandomCases.oneOf(random, EXTENSIONS), parameters));
        }
        return offers;
    }
}
