package io.wsstack.core.internal.utf8;

import io.wsstack.core.RandomCases;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8LengthTest {

    @Test
    @DisplayName("UTF-8 lengths at every encoding boundary (RFC 3629 §3)")
    void boundaries() {
        assertThat(Utf8Length.of("")).isZero();
        assertThat(Utf8Length.of("\u007f")).isEqualTo(1);
        assertThat(Utf8Length.of("\u0080")).isEqualTo(2);
        assertThat(Utf8Length.of("\u07ff")).isEqualTo(2);
        assertThat(Utf8Length.of("\u0800")).isEqualTo(3);
        assertThat(Utf8Length.of("\uffff")).isEqualTo(3);
        assertThat(Utf8Length.of("\uD800\uDC00")).isEqualTo(4); // U+10000
        assertThat(Utf8Length.of("\uDBFF\uDFFF")).isEqualTo(4); // U+10FFFF
    }

    @Test
    @DisplayName("A lone surrogate counts one byte, like the '?' the engine sends for it")
    void loneSurrogate() {
        assertThat(Utf8Length.of("a\uD800b")).isEqualTo(3);
        assertThat(Utf8Length.of("\uDC00")).isEqualTo(1);
    }

    @ParameterizedTest(name = RandomCases.NAME)
    @RandomCases.Seeds(1000)
    @DisplayName("Equals the JDK encoder's length for well-formed text")
    void matchesJdk(long seed) {
        String text = RandomCases.anyString(new Random(seed), 255);
        String wellFormed = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(Utf8Length.of(wellFormed)).isEqualTo(wellFormed.getBytes(StandardCharsets.UTF_8).length);
    }
}
