package io.wsstack.core.internal.utf8;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Utf8EncoderTest {

    private static byte[] encode(String text) {
        byte[] out = new byte[(int) Utf8Length.of(text) + 2];
        out[0] = 0x55;
        int n = Utf8Encoder.encode(text, out, 1);
        assertThat(n).isEqualTo(Utf8Length.of(text));
        assertThat(out[n + 1]).as("nothing written past the text").isZero();
        byte[] exact = new byte[n];
        System.arraycopy(out, 1, exact, 0, n);
        return exact;
    }

    @Test
    @DisplayName("RFC 3629: 1- to 4-byte sequences are the JDK's UTF-8 bytes, written at the offset")
    void everyLength() {
        String text = "a\u00e9\u20ac\uD83D\uDE00z";
        assertThat(encode(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("An unpaired surrogate has no UTF-8 form: '?' as String.getBytes writes it")
    void unpairedSurrogates() {
        for (String text : new String[] {"x\uD800", "\uDC00y", "\uD800\uD800\uDC00", "\uDBFFa"}) {
            assertThat(encode(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    @DisplayName("Random text of every plane matches String.getBytes(UTF_8)")
    void randomText() {
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                int kind = random.nextInt(5);
                b.append(switch (kind) {
                    case 0 -> (char) random.nextInt(0x80);
                    case 1 -> (char) (0x80 + random.nextInt(0x780));
                    case 2 -> (char) (0x800 + random.nextInt(0xF7FF));
                    default -> (char) random.nextInt(0x10000);
                });
            }
            String text = b.toString();
            assertThat(encode(text)).as("seed 7 round %d", round).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
