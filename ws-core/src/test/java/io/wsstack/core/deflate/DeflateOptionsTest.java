package io.wsstack.core.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.zip.Deflater;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Configuration checks happen when options are built, not during a handshake. */
class DeflateOptionsTest {

    @Test
    @DisplayName("RFC 7692 §7.1: the defaults are context takeover both ways, 15-bit windows, dedicated mode")
    void defaults() {
        DeflateOptions d = DeflateOptions.defaults();
        assertThat(d.serverNoContextTakeover()).isFalse();
        assertThat(d.clientNoContextTakeover()).isFalse();
        assertThat(d.serverMaxWindowBits()).isEqualTo(15);
        assertThat(d.clientMaxWindowBits()).isEmpty();
        assertThat(d.offerClientMaxWindowBits()).isFalse();
        assertThat(d.compressionLevel()).isEqualTo(Deflater.DEFAULT_COMPRESSION);
        assertThat(d.threshold()).isEqualTo(64);
        assertThat(d.mode()).isEqualTo(DeflateMode.DEDICATED);
        assertThat(d.fallbackOffer()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {-1, 0, 7, 16, 32})
    @DisplayName("RFC 7692 §7.1.2: window bits outside 8-15 are refused at configuration time")
    void windowBitsRange(int bits) {
        assertThatThrownBy(() -> DeflateOptions.builder().serverMaxWindowBits(bits))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeflateOptions.builder().clientMaxWindowBits(bits))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {-2, 10, 100})
    @DisplayName("RFC 1951: deflate levels are 0-9 or -1 for the default")
    void levelRange(int level) {
        assertThatThrownBy(() -> DeflateOptions.builder().compressionLevel(level))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("RFC 7692 §7.2.1: a negative threshold or pool capacity is refused")
    void negatives() {
        assertThatThrownBy(() -> DeflateOptions.builder().threshold(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeflateOptions.builder().sharedPoolCapacity(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("RFC 7692 §7.1: every setting is kept as built")
    void settingsKept() {
        DeflateOptions o = DeflateOptions.builder().serverNoContextTakeover(true).clientNoContextTakeover(true)
                .serverMaxWindowBits(9).clientMaxWindowBits(12).offerClientMaxWindowBits().compressionLevel(1)
                .threshold(0).mode(DeflateMode.SHARED).sharedPoolCapacity(3).fallbackOffer(true).build();
        assertThat(o.serverNoContextTakeover()).isTrue();
        assertThat(o.clientNoContextTakeover()).isTrue();
        assertThat(o.serverMaxWindowBits()).isEqualTo(9);
        assertThat(o.clientMaxWindowBits()).hasValue(12);
        assertThat(o.offerClientMaxWindowBits()).isTrue();
        assertThat(o.compressionLevel()).isEqualTo(1);
        assertThat(o.threshold()).isZero();
        assertThat(o.mode()).isEqualTo(DeflateMode.SHARED);
        assertThat(o.sharedPoolCapacity()).isEqualTo(3);
        assertThat(o.fallbackOffer()).isTrue();
        assertThat(o.toString()).contains("SHARED");
    }
}
