package io.wsstack.proxy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Expanding an upstream URI template with the client path's variables. */
class UpstreamTemplateTest {

    private final UpstreamTemplate template = UpstreamTemplate.parse("ws://chat.internal:8080/rooms/{room}?v=1", List.of("room"));

    @Test
    @DisplayName("RFC 6455 §3: a path variable is inserted as the raw segment it was, still percent-encoded")
    void expandsRawSegment() {
        assertThat(template.expand(Map.of("room", "blue%20sky"), null)).isEqualTo(URI.create("ws://chat.internal:8080/rooms/blue%20sky?v=1"));
    }

    @Test
    @DisplayName("RFC 3986 §5.2.4: values an upstream could decode into another path level are refused (.., %2e%2e, %2F, %5C)")
    void dotSegmentsRefused() {
        for (String value : new String[] {"..", ".", "%2e%2e", "%2E.", "a%2Fb", "a%5Cb", "%zz"}) {
            assertThatIllegalArgumentException().as(value).isThrownBy(() -> template.expand(Map.of("room", value), null));
        }
    }

    @Test
    @DisplayName("a template without variables is used as it is")
    void literalTemplate() {
        assertThat(UpstreamTemplate.parse("wss://x.example/", List.of()).expand(Map.of(), null))
                .isEqualTo(URI.create("wss://x.example/"));
    }

    @Test
    @DisplayName("RFC 6455 §3: the client's query string is passed on when the template has no query of its own")
    void queryPassedOn() {
        UpstreamTemplate plain = UpstreamTemplate.parse("ws://x.example/feed", List.of());
        assertThat(plain.expand(Map.of(), "token=a%2Fb&v=2")).isEqualTo(URI.create("ws://x.example/feed?token=a%2Fb&v=2"));
        assertThat(template.expand(Map.of("room", "r"), "token=1")).isEqualTo(URI.create("ws://chat.internal:8080/rooms/r?v=1"));
    }
}
