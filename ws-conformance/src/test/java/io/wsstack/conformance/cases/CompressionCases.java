package io.wsstack.conformance.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.conformance.target.EchoTarget;
import io.wsstack.conformance.target.Targets;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn 12.x: permessage-deflate (RFC 7692) with the default offer over five kinds of data and
 * 18 message/fragment sizes each; the server must accept and every message must come back intact.
 */
class CompressionCases extends CaseSupport {

    /** The offer Autobahn's client makes by default. */
    static final String DEFAULT_OFFER = "permessage-deflate; client_no_context_takeover; client_max_window_bits";

    static Stream<Arguments> allCases() {
        CompressionData[] sets = CompressionData.values();
        return Targets.all().stream().flatMap(t -> IntStream.range(0, sets.length).boxed()
                .flatMap(j -> CompressionRun.cases("12." + (j + 1) + ".", t)
                        .map(a -> Arguments.of(a.get()[0], sets[j], a.get()[1], t))));
    }

    @ParameterizedTest(name = "Autobahn {0}: {1} [{3}]", autoCloseArguments = false)
    @MethodSource("allCases")
    @Tag("conformance")
    @DisplayName("Autobahn 12.x / RFC 7692 §7: default permessage-deflate offer accepted, messages of every size round-trip")
    void case_12_x_x_permessageDeflateDefaultOffer(String caseNumber, CompressionData data, int sizeIndex, EchoTarget target)
            throws Exception {
        assertThat(CompressionRun.run(target, DEFAULT_OFFER, data, sizeIndex)).as("permessage-deflate accepted").isTrue();
    }
}
