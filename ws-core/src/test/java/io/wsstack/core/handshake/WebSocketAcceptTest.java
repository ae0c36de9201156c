package io.wsstack.core.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WebSocketAcceptTest {

    @Test
    @DisplayName("RFC 6455 §1.3/§4.2.2: key dGhlIHNhbXBsZSBub25jZQ== → accept s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    void rfcSampleKey() {
        assertThat(WebSocketAccept.compute("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    @DisplayName("RFC 6455 §4.1 item 7: base64 of 16 bytes is a valid key")
    void sixteenBytesIsValid() {
        assertThat(WebSocketAccept.isValidKey("dGhlIHNhbXBsZSBub25jZQ==")).isTrue();
        assertThat(WebSocketAccept.isValidKey("AAAAAAAAAAAAAAAAAAAAAA==")).isTrue();
        assertThat(WebSocketAccept.isValidKey("/////////////////////w==")).isTrue();
    }

    @Test
    @DisplayName("RFC 6455 §4.1 item 7: base64 of 15 or 17 bytes is not a key")
    void wrongLengthsAreInvalid() {
        assertThat(WebSocketAccept.isValidKey("AAAAAAAAAAAAAAAAAAAA")).isFalse(); // 15 bytes
        assertThat(WebSocketAccept.isValidKey("AAAAAAAAAAAAAAAAAAAAAAA=")).isFalse(); // 17 bytes
        assertThat(WebSocketAccept.isValidKey("")).isFalse();
        assertThat(WebSocketAccept.isValidKey(null)).isFalse();
    }

    @Test
    @DisplayName("RFC 6455 §4.1 item 7: unpadded, non-alphabet or stray-bit keys are not base64 of 16 bytes")
    void nonCanonicalBase64IsInvalid() {
        assertThat(WebSocketAccept.isValidKey("dGhlIHNhbXBsZSBub25jZQ")).isFalse();
        assertThat(WebSocketAccept.isValidKey("dGhlIHNhbXBsZSBub25jZ!==")).isFalse();
        assertThat(WebSocketAccept.isValidKey("dGhlIHNhbXBsZSBub25jZ-==")).isFalse();
        assertThat(WebSocketAccept.isValidKey("dGhlIHNhbXBsZSBub25jZR==")).isFalse();
    }
}
