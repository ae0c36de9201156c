package io.wsstack.core.internal.utf8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsstack.core.Hex;
import io.wsstack.core.RandomCases;
import io.wsstack.core.WebSocketProtocolException.InvalidPayload;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §8.1 requires text to be valid UTF-8 as defined by RFC 3629. */
class Utf8ValidatorTest {

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @ParameterizedTest(name = "RFC 3629 §3/§4: {0} is rejected")
    @ValueSource(strings = {"c080", "c1bf", "e08080", "e09fbf", "eda080", "edbfbf", "f08f8080", "f4908080",
            "f5808080", "f8", "fe", "ff", "80", "bf", "41c3", "e282", "f09f98"})
    void rejected(String hex) {
        assertThat(Utf8Validator.isValid(Hex.bytes(hex), 0, hex.length() / 2)).isFalse();
    }

    @ParameterizedTest(name = "RFC 3629 §3: boundary code point U+{0} passes at every split")
    @ValueSource(ints = {0x0, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF})
    void boundaryCodePoints(int codePoint) {
        byte[] bytes = ("a" + new String(Character.toChars(codePoint)) + "z").getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            Utf8Validator v = new Utf8Validator();
            v.validate(bytes, 0, split);
            v.validate(bytes, split, bytes.length - split);
            v.finish();
        }
    }

    @Test
    @DisplayName("RFC 3629 §3: the first bad byte fails at once, before the text ends")
    void failsFast() {
        Utf8Validator v = new Utf8Validator();
        v.validate("hello ".getBytes(StandardCharsets.UTF_8), 0, 6);
        assertThatThrownBy(() -> v.validate(Hex.bytes("eda0"), 0, 2)).isInstanceOf(InvalidPayload.class);
    }

    @Test
    @DisplayName("RFC 3629 §3: a sequence cut short at the end → 1007 from finish()")
    void truncatedAtEnd() {
        Utf8Validator v = new Utf8Validator();
        v.validate(Hex.bytes("41e282"), 0, 3);
        assertThat(v.isComplete()).isFalse();
        assertThat(v.pendingBytes()).isEqualTo(2);
        assertThatThrownBy(v::finish).isInstanceOfSatisfying(InvalidPayload.class,
                e -> assertThat(e.closeCode()).isEqualTo(1007));
    }

    @Test
    @DisplayName("RFC 3629 §3: the ASCII fast path does not skip a bad byte inside an 8-byte word")
    void asciiFastPathBoundary() {
        for (int at = 0; at < 20; at++) {
            byte[] bytes = "abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII);
            bytes[at] = (byte) 0xFF;
            assertThat(Utf8Validator.isValid(bytes, 0, bytes.length)).as("bad byte at %d", at).isFalse();
        }
    }

    @Test
    @DisplayName("RFC 3629: direct buffers are validated too")
    void directBuffer() {
        byte[] good = "Grüße 😀".getBytes(StandardCharsets.UTF_8);
        Utf8Validator v = new Utf8Validator();
        v.validate(ByteBuffer.allocateDirect(good.length).put(good).flip());
        v.finish();
        ByteBuffer bad = ByteBuffer.allocateDirect(2).put(Hex.bytes("c080")).flip();
        assertThatThrownBy(() -> new Utf8Validator().validate(bad)).isInstanceOf(InvalidPayload.class);
    }

    @ParameterizedTest(name = RandomCases.NAME)
    @RandomCases.Seeds(2000)
    @DisplayName("RFC 3629: the validator agrees with the JDK decoder (REPORT) on random bytes")
    void agreesWithJdkOnRandomBytes(long seed) {
        byte[] bytes = RandomCases.bytes(new Random(seed), 40);
        assertThat(Utf8Validator.isValid(bytes, 0, bytes.length)).as(Hex.of(bytes)).isEqualTo(jdkAccepts(bytes));
    }

    @ParameterizedTest(name = RandomCases.NAME)
    @RandomCases.Seeds(2000)
    @DisplayName("RFC 3629: the validator agrees with the JDK decoder on mostly-valid text with one byte changed")
    void agreesWithJdkOnMutatedText(long seed) {
        Random random = new Random(seed);
        String text = RandomCases.anyString(random, 255);
        byte[] bytes = (text + "€😀é").getBytes(StandardCharsets.UTF_8);
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        assertThat(Utf8Validator.isValid(bytes, 0, bytes.length)).as(Hex.of(bytes)).isEqualTo(jdkAccepts(bytes));
    }

    @ParameterizedTest(name = RandomCases.NAME)
    @RandomCases.Seeds(500)
    @DisplayName("RFC 3629: valid text split anywhere validates")
    void validTextSplitAnywhere(long seed) {
        Random random = new Random(seed);
        // Lone surrogates in the String become '?' on encoding, so the bytes are always valid UTF-8.
        byte[] bytes = RandomCases.anyString(random, 255).getBytes(StandardCharsets.UTF_8);
        assertThat(jdkAccepts(bytes)).isTrue();
        int split = random.nextInt(bytes.length + 1);
        Utf8Validator v = new Utf8Validator();
        v.validate(bytes, 0, split);
        v.validate(bytes, split, bytes.length - split);
        v.finish();
    }
}
