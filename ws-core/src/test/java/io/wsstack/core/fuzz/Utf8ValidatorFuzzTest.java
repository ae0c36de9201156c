package io.wsstack.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wsstack.core.internal.utf8.Utf8Validator;
import io.wsstack.core.WebSocketProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The incremental UTF-8 validator (RFC 3629, required for text by RFC 6455 §8.1) against the JDK's
 * strict decoder ({@link CodingErrorAction#REPORT}): same verdict on every input, whether the
 * bytes arrive at once or in random pieces, and when it refuses mid-stream the bytes before the
 * refusal are still a valid prefix (fail-fast never fires early).
 */
class Utf8ValidatorFuzzTest {

    /** Input layout, so that seeds are readable text: bytes 0–1 are two piece sizes used in turn, the rest is the text. */
    @FuzzTest
    void agreesWithJdkDecoderInAnyPieces(byte[] raw) {
        if (raw.length < 2) {
            return;
        }
        int[] cuts = {raw[0] & 0x3F, raw[1] & 0x3F};
        byte[] input = Arrays.copyOfRange(raw, 2, raw.length);
        boolean expected = jdkAccepts(input, input.length);
        assertThat(Utf8Validator.isValid(input, 0, input.length)).isEqualTo(expected);

        Utf8Validator pieces = new Utf8Validator();
        int offset = 0;
        int step = 0;
        try {
            while (offset < input.length) {
                int n = Math.min(input.length - offset, 1 + cuts[step++ % 2]);
                pieces.validate(input, offset, n);
                offset += n;
            }
            pieces.finish();
            assertThat(expected).as("accepted in pieces").isTrue();
        } catch (WebSocketProtocolException.InvalidPayload refused) {
            assertThat(expected).as("refused in pieces").isFalse();
            if (offset < input.length) {
                // Refused inside a piece: everything before that piece can still start valid UTF-8.
                assertThat(couldBeValidPrefix(input, offset)).isTrue();
            }
        }
    }

    private static boolean jdkAccepts(byte[] input, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(ByteBuffer.wrap(input, 0, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Whether the first {@code length} bytes, minus at most three trailing bytes of one open character, decode. */
    private static boolean couldBeValidPrefix(byte[] input, int length) {
        for (int cut = 0; cut <= Math.min(3, length); cut++) {
            if (jdkAccepts(input, length - cut)) {
                return true;
            }
        }
        return false;
    }
}
