package io.wsstack.core.internal.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 6455 §5.3: the word-at-a-time masking must equal the byte-by-byte definition. */
class MaskingTest {

    private static final int KEY = 0x37fa213d;

    /** The RFC's definition: octet i XOR key octet (i MOD 4), continuing from {@code maskOffset}. */
    private static byte[] naive(byte[] data, int from, int length, int key, long maskOffset) {
        byte[] out = data.clone();
        for (int i = 0; i < length; i++) {
            int keyByte = (int) ((maskOffset + i) & 3);
            out[from + i] ^= (byte) (key >>> (24 - 8 * keyByte));
        }
        return out;
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    @DisplayName("RFC 6455 §5.3: array masking equals the naive reference for lengths 0..64, every mask offset and start")
    void arrayMatchesNaive() {
        for (int length = 0; length <= 64; length++) {
            for (int maskOffset = 0; maskOffset < 8; maskOffset++) {
                for (int start = 0; start < 9; start++) {
                    byte[] data = randomBytes(start + length + 3, length * 131L + maskOffset * 7L + start);
                    byte[] expected = naive(data, start, length, KEY, maskOffset);
                    byte[] actual = data.clone();
                    Masking.mask(actual, start, length, KEY, maskOffset);
                    assertThat(actual).as("length %d offset %d start %d", length, maskOffset, start)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.3: direct-buffer masking equals the naive reference for lengths 0..64 and every mask offset")
    void directBufferMatchesNaive() {
        for (int length = 0; length <= 64; length++) {
            for (int maskOffset = 0; maskOffset < 4; maskOffset++) {
                for (int start = 0; start < 9; start++) {
                    byte[] data = randomBytes(start + length + 3, length * 17L + maskOffset + start * 5L);
                    byte[] expected = naive(data, start, length, KEY, maskOffset);
                    ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
                    Masking.mask(direct, start, length, KEY, maskOffset);
                    byte[] actual = new byte[data.length];
                    direct.get(actual);
                    assertThat(actual).as("length %d offset %d start %d", length, maskOffset, start)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.3: masking in pieces with a running offset equals masking at once")
    void piecewiseEqualsWhole() {
        byte[] data = randomBytes(1000, 42);
        byte[] whole = data.clone();
        Masking.mask(whole, 0, whole.length, KEY, 0);
        Random random = new Random(7);
        byte[] pieces = data.clone();
        int done = 0;
        while (done < pieces.length) {
            int n = Math.min(pieces.length - done, random.nextInt(20));
            Masking.mask(pieces, done, n, KEY, done);
            done += n;
        }
        assertThat(pieces).isEqualTo(whole);
    }

    @Test
    @DisplayName("RFC 6455 §5.3: masking twice restores the data")
    void maskingIsAnInvolution() {
        byte[] data = randomBytes(77, 3);
        byte[] twice = data.clone();
        Masking.mask(twice, 0, 77, KEY, 1);
        Masking.mask(twice, 0, 77, KEY, 1);
        assertThat(twice).isEqualTo(data);
    }
}
