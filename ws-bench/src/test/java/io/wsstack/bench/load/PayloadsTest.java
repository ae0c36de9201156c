package io.wsstack.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    @Test
    @DisplayName("benchmark messages have exactly the requested size, are ASCII, and are the same every run")
    void exactSizeAsciiAndRepeatable() {
        for (int size : new int[] {20, 16384}) {
            byte[] text = Payloads.text(size);
            assertThat(text).hasSize(size).isEqualTo(Payloads.text(size));
            for (byte b : text) {
                assertThat(b).isBetween((byte) 0, (byte) 127);
            }
        }
    }
}
