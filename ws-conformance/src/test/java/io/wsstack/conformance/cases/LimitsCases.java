package io.wsstack.conformance.cases;

import static io.wsstack.conformance.wire.Frame.BINARY;
import static io.wsstack.conformance.wire.Frame.TEXT;

import io.wsstack.conformance.target.EchoTarget;
import io.wsstack.conformance.target.Targets;
import io.wsstack.conformance.wire.Expect;
import io.wsstack.conformance.wire.RawClient;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn 9.x (limits and performance) and 10.1.1, scaled down by 16 so that the suite fits in CI
 * time: sizes of 4 KiB–1 MiB instead of 64 KiB–16 MiB, fragment counts kept as Autobahn has them
 * (up to 65536 fragments per message), 100 round trips instead of 1000. Timings are not asserted;
 * only that every message comes back whole and unchanged.
 */
class LimitsCases extends CaseSupport {

    private static final int K = 1024;

    /** (case number, value) on every target. */
    private static Stream<Arguments> numbered(String prefix, int... values) {
        return Targets.all().stream().flatMap(t -> IntStream.range(0, values.length)
                .mapToObj(i -> Arguments.of(prefix + (i + 1), values[i], t)));
    }

    static Stream<Arguments> messageSizes9x1() {
        return Stream.concat(numbered("9.1.", 4 * K, 16 * K, 64 * K, 256 * K, 512 * K, 1024 * K),
                numbered("9.2.", 4 * K, 16 * K, 64 * K, 256 * K, 512 * K, 1024 * K));
    }

    static Stream<Arguments> fragmentSizes9x3() {
        int[] sizes = {4, 16, 64, 256, K, 4 * K, 16 * K, 64 * K, 256 * K};
        return Stream.concat(numbered("9.3.", sizes), numbered("9.4.", sizes));
    }

    static Stream<Arguments> chopSizes9x5() {
        int[] chops = {64, 128, 256, 512, 1024, 2048};
        return Stream.concat(numbered("9.5.", chops), numbered("9.6.", chops));
    }

    static Stream<Arguments> roundTripSizes9x7() {
        int[] sizes = {0, 16, 64, 256, K, 4 * K};
        return Stream.concat(numbered("9.7.", sizes), numbered("9.8.", sizes));
    }

    private static int opcodeOf(String caseNumber) {
        // Autobahn's odd sub-groups (9.1, 9.3, 9.5, 9.7) are text, the even ones binary.
        return Integer.parseInt(caseNumber.split("\\.")[1]) % 2 == 1 ? TEXT : BINARY;
    }

    private static byte[] payload(int opcode, int size) {
        return opcode == TEXT ? filled(size, '*') : counting(size);
    }

    @ParameterizedTest(name = "Autobahn {0}: {1} bytes [{2}]", autoCloseArguments = false)
    @MethodSource("messageSizes9x1")
    @Tag("conformance")
    @DisplayName("Autobahn 9.1.x, 9.2.x / RFC 6455 §5.2: one large text or binary message is echoed whole")
    void case_9_1_x_and_9_2_x_largeMessages(String caseNumber, int size, EchoTarget target) throws Exception {
        int opcode = opcodeOf(caseNumber);
        byte[] message = payload(opcode, size);
        try (RawClient c = connect(target)) {
            c.sendFrame(opcode, message);
            Expect.echo(c, opcode, message);
            Expect.cleanClose(c);
        }
    }

    @ParameterizedTest(name = "Autobahn {0}: 256 KiB in fragments of {1} bytes [{2}]", autoCloseArguments = false)
    @MethodSource("fragmentSizes9x3")
    @Tag("conformance")
    @DisplayName("Autobahn 9.3.x, 9.4.x / RFC 6455 §5.4: a 256 KiB message in fragments of 4 B to 256 KiB is echoed whole")
    void case_9_3_x_and_9_4_x_fragmentedMessages(String caseNumber, int fragment, EchoTarget target) throws Exception {
        int opcode = opcodeOf(caseNumber);
        byte[] message = payload(opcode, 256 * K);
        try (RawClient c = connect(target)) {
            c.sendFragmented(opcode, message, fragment, 0);
            Expect.echo(c, opcode, message);
            Expect.cleanClose(c);
        }
    }

    @ParameterizedTest(name = "Autobahn {0}: 64 KiB in writes of {1} bytes [{2}]", autoCloseArguments = false)
    @MethodSource("chopSizes9x5")
    @Tag("conformance")
    @DisplayName("Autobahn 9.5.x, 9.6.x / RFC 6455 §5.2: a 64 KiB frame written in small TCP writes is echoed whole")
    void case_9_5_x_and_9_6_x_choppedMessages(String caseNumber, int chop, EchoTarget target) throws Exception {
        int opcode = opcodeOf(caseNumber);
        byte[] message = payload(opcode, 64 * K);
        try (RawClient c = connect(target)) {
            c.sendInChops(c.frames().frame(opcode, message), chop);
            Expect.echo(c, opcode, message);
            Expect.cleanClose(c);
        }
    }

    @ParameterizedTest(name = "Autobahn {0}: 100 round trips of {1} bytes [{2}]", autoCloseArguments = false)
    @MethodSource("roundTripSizes9x7")
    @Tag("conformance")
    @DisplayName("Autobahn 9.7.x, 9.8.x / RFC 6455 §5.6: 100 messages, each sent after the previous echo, all come back")
    void case_9_7_x_and_9_8_x_roundTrips(String caseNumber, int size, EchoTarget target) throws Exception {
        int opcode = opcodeOf(caseNumber);
        byte[] message = payload(opcode, size);
        try (RawClient c = connect(target)) {
            for (int i = 0; i < 100; i++) {
                c.sendFrame(opcode, message);
                Expect.echo(c, opcode, message);
            }
            Expect.cleanClose(c);
        }
    }

    @AutobahnCase @DisplayName("Autobahn 10.1.1 / RFC 6455 §5.4: a 64 KiB text in 1300-byte fragments is echoed as one message")
    void case_10_1_1_autoFragmentedText(EchoTarget target) throws Exception {
        byte[] message = filled(65536, '*');
        try (RawClient c = connect(target)) {
            c.sendFragmented(TEXT, message, 1300, 0);
            Expect.echo(c, TEXT, message);
            Expect.cleanClose(c);
        }
    }
}
