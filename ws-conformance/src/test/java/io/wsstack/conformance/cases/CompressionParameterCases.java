package io.wsstack.conformance.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.conformance.target.EchoTarget;
import io.wsstack.core.deflate.DeflateResources;
import io.wsstack.conformance.target.Targets;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn 13.x: permessage-deflate parameter combinations (RFC 7692 §7.1) on JSON text, 18 sizes
 * each. Offers asking the server for a window below 15 bits (13.3, 13.5) are accepted where the
 * FFM zlib binding is active (Java 22+, the JDK 25 surefire execution; zlib's 9-bit compressor
 * keeps within the 256-byte window, see ServerDeflateNegotiator) and 13.7 then takes its first
 * offer. With java.util.zip (Java 17) they are declined, as §7.1.2.1 allows: the JDK's Deflater
 * always compresses with a 32 KiB window, so accepting would break the promise; messages must
 * still round-trip uncompressed and 13.7 falls back to its second offer. With the binding the
 * starter also runs with {@code ws.deflate.preset=pooled-1kb} (pooled zlib streams, 512-byte windows).
 */
class CompressionParameterCases extends CaseSupport {

    private static final String BASE = CompressionCases.DEFAULT_OFFER;

    private static final boolean SMALL_WINDOWS = DeflateResources.smallWindowsSupported();

    /** The client offers of 13.1–13.7 and whether our servers accept them with java.util.zip. */
    private static final Object[][] GROUPS = {
        {BASE, true},
        {BASE + "; server_no_context_takeover", true},
        {BASE + "; server_max_window_bits=8", false},
        {BASE + "; server_max_window_bits=15", true},
        {BASE + "; server_no_context_takeover; server_max_window_bits=8", false},
        {BASE + "; server_no_context_takeover; server_max_window_bits=15", true},
        {BASE + "; server_no_context_takeover; server_max_window_bits=8, " + BASE + "; server_no_context_takeover, " + BASE, true},
    };

    /**
     * Which groups to run (1-based, comma-separated) from the system property
     * {@code conformance.deflate.groups}; all by default. The JDK 25 execution runs only the
     * window-bits groups 3, 5 and 7, the ones whose outcome differs there, to keep the build short.
     */
    private static boolean selected(int group) {
        String groups = System.getProperty("conformance.deflate.groups", "");
        return groups.isBlank() || java.util.Arrays.asList(groups.split(",")).contains(Integer.toString(group));
    }

    /** Every target, and with the FFM binding also the Tomcat application with the pooled-1kb preset. */
    private static Stream<EchoTarget> targets() {
        return SMALL_WINDOWS ? Stream.concat(Targets.all().stream(), Stream.of(Targets.pooledPreset()))
                : Targets.all().stream();
    }

    static Stream<Arguments> allCases() {
        return targets().flatMap(t -> IntStream.range(0, GROUPS.length).filter(j -> selected(j + 1)).boxed()
                .flatMap(j -> CompressionRun.cases("13." + (j + 1) + ".", t)
                        .map(a -> Arguments.of(a.get()[0], GROUPS[j][0], GROUPS[j][1], a.get()[1], t))));
    }

    @ParameterizedTest(name = "Autobahn {0}: offer \"{1}\" [{4}]", autoCloseArguments = false)
    @MethodSource("allCases")
    @Tag("conformance")
    @DisplayName("Autobahn 13.x / RFC 7692 §7.1: parameter combinations negotiated as RFC 7692 allows, messages round-trip")
    void case_13_x_x_permessageDeflateParameters(String caseNumber, String offer, boolean accepted, int sizeIndex,
            EchoTarget target) throws Exception {
        assertThat(CompressionRun.run(target, offer, CompressionData.JSON_TEXT, sizeIndex))
                .as("permessage-deflate accepted (%s)", DeflateResources.zlibDescription())
                .isEqualTo(accepted || SMALL_WINDOWS);
    }
}
