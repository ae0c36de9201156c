package io.wsstack.conformance.cases;

import static io.wsstack.conformance.wire.Frame.TEXT;

import io.wsstack.conformance.target.EchoTarget;
import io.wsstack.conformance.target.Targets;
import io.wsstack.conformance.wire.Expect;
import io.wsstack.conformance.wire.RawClient;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn 6.5–6.23: the UTF-8 decoder stress sequences, each in one text frame: valid UTF-8
 * (including noncharacters such as U+FFFE, which RFC 3629 allows) is echoed; anything else fails
 * the connection with 1007 (RFC 6455 §8.1). Each invocation is named after its case number.
 */
class Utf8SequenceCases extends CaseSupport {

    static Stream<Arguments> casesOnEveryTarget() {
        return Targets.all().stream().flatMap(t -> Utf8Sequences.all().stream().map(s -> Arguments.of(s, t)));
    }

    @ParameterizedTest(name = "Autobahn {0} [{1}]", autoCloseArguments = false)
    @MethodSource("casesOnEveryTarget")
    @Tag("conformance")
    @DisplayName("Autobahn 6.5–6.23 / RFC 6455 §8.1: UTF-8 stress sequences → echo when valid, 1007 when not")
    void case_6_5_to_6_23_utf8StressSequences(Utf8Sequences.Sequence sequence, EchoTarget target) throws Exception {
        try (RawClient c = connect(target)) {
            c.sendFrame(TEXT, sequence.bytes());
            if (sequence.valid()) {
                Expect.echo(c, TEXT, sequence.bytes());
                Expect.cleanClose(c);
            } else {
                Expect.failure(c, 1007);
            }
        }
    }
}
