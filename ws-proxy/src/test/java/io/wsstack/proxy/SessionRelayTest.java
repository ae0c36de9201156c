package io.wsstack.proxy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** How the relay measures a text against the upstream's send buffer. */
class SessionRelayTest {

    @Test
    @DisplayName("RFC 3629: a text's UTF-8 size is counted as the upstream client counts it (1 to 4 bytes per character)")
    void utf8LengthMatchesEncoding() {
        for (String text : new String[] {"", "Hello", "héllo wörld ✓ 𝄞", "€".repeat(1000), "a\uD834b", "\uDD1E"}) {
            assertThat(SessionRelay.utf8Length(text)).as(text)
                    .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
