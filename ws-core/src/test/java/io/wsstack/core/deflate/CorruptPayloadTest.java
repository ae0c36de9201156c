package io.wsstack.core.deflate;

import static io.wsstack.core.deflate.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.WebSocketProtocolException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compressed payloads that are not valid DEFLATE close with 1007: the payload is inconsistent with
 * its message (RFC 6455 §7.4.1), the framing itself was fine.
 */
class CorruptPayloadTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "ff ff ff ff",                 // BTYPE 11 is reserved (RFC 1951 §3.2.3)
            "00 05 00 00 00 48 65",        // stored block whose NLEN is not the complement of LEN
            "f2 00 11 00 00",              // refers 5 bytes back into an empty window
            "fc ff ff ff 0f"})
    @DisplayName("RFC 7692 §7.2.2 / RFC 6455 §7.4.1: corrupt DEFLATE data → 1007")
    void corruptDataIs1007(String hex) {
        long liveBefore = DeflateResources.liveInflaters();
        try (Codecs.Pair pair = Codecs.negotiate(DeflateOptions.defaults(), DeflateOptions.defaults())) {
            assertThatThrownBy(() -> Codecs.inflate(pair.server(), List.of(bytes(hex))))
                    .isInstanceOf(WebSocketProtocolException.InvalidPayload.class)
                    .extracting(e -> ((WebSocketProtocolException) e).closeCode())
                    .isEqualTo(CloseCodes.INVALID_PAYLOAD);
        }
        assertThat(DeflateResources.liveInflaters()).as("ended on close after the error").isEqualTo(liveBefore);
    }

    @Test
    @DisplayName("RFC 7692 §7.2.2: the 1007 reason is short enough for a close frame and names the problem")
    void reasonIsShort() {
        try (Codecs.Pair pair = Codecs.negotiate(DeflateOptions.defaults(), DeflateOptions.defaults())) {
            assertThatThrownBy(() -> Codecs.inflate(pair.server(), List.of(bytes("ff ff ff ff"))))
                    .hasMessageStartingWith("corrupt compressed data")
                    .satisfies(e -> assertThat(e.getMessage().length()).isLessThanOrEqualTo(123));
        }
    }
}
