package io.wsstack.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wsstack.core.deflate.ClientDeflateNegotiator;
import io.wsstack.core.deflate.DeflateNegotiationException;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.deflate.NegotiatedDeflate;
import io.wsstack.core.deflate.ServerDeflateNegotiator;
import io.wsstack.core.extension.ExtensionHeaderParser;
import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.extension.MalformedExtensionHeaderException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Arbitrary {@code Sec-WebSocket-Extensions} values (RFC 6455 §9.1, RFC 7692 §7). The lenient
 * (server) parse never throws below the length cap; the strict (client) parse throws only
 * {@link MalformedExtensionHeaderException} and agrees with the lenient one when it succeeds; a
 * strict result re-parses from its own rendering; server negotiation never throws on whatever the
 * lenient parse kept (bad offers are declined, never a 500); a client reading the value as a
 * server's answer fails only with the typed negotiation exception.
 */
class ExtensionHeaderFuzzTest {

    @FuzzTest
    void parsesLinearlyIntoOffersOrTypedRefusals(byte[] input) {
        // Header values are ISO-8859-1 text on the wire (RFC 9110 §5.5): every byte is one char.
        String value = new String(input, StandardCharsets.ISO_8859_1);
        if (value.length() > ExtensionHeaderParser.MAX_HEADER_LENGTH) {
            assertThatCode(() -> ExtensionHeaderParser.parseLenient(value))
                    .isInstanceOf(MalformedExtensionHeaderException.class);
            return;
        }
        List<ExtensionOffer> lenient = ExtensionHeaderParser.parseLenient(value);
        List<ExtensionOffer> strict = strictOrNull(value);
        if (strict != null) {
            assertThat(strict).isEqualTo(lenient);
            assertThat(ExtensionHeaderParser.parseStrict(ExtensionOffer.toHeaderValue(strict))).isEqualTo(strict);
        }
        try (ServerDeflateNegotiator server = new ServerDeflateNegotiator(DeflateOptions.defaults())) {
            Optional<NegotiatedDeflate> agreed = server.negotiate(lenient);
            agreed.ifPresent(a -> assertThat(ExtensionHeaderParser.parseStrict(a.responseElement().toHeaderValue()))
                    .containsExactly(a.responseElement()));
        }
        if (strict != null) {
            try (ClientDeflateNegotiator client = new ClientDeflateNegotiator(DeflateOptions.defaults())) {
                client.accept(strict);
            } catch (DeflateNegotiationException refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
        }
    }

    private static List<ExtensionOffer> strictOrNull(String value) {
        try {
            return ExtensionHeaderParser.parseStrict(value);
        } catch (MalformedExtensionHeaderException e) {
            return null;
        }
    }
}
