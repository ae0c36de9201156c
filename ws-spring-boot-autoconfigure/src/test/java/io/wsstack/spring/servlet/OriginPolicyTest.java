package io.wsstack.spring.servlet;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OriginPolicyTest {

    private final OriginPolicy sameOrigin = new OriginPolicy(List.of());

    @Test
    @DisplayName("RFC 6455 §10.2: same-origin default accepts an Origin whose host:port equals Host")
    void sameOriginAccepted() {
        assertThat(sameOrigin.allows("http://localhost:8080", "localhost:8080", false)).isTrue();
        assertThat(sameOrigin.allows("https://example.com", "example.com", true)).isTrue();
        assertThat(sameOrigin.allows("http://example.com:80", "example.com", false)).isTrue();
    }

    @Test
    @DisplayName("RFC 6455 §10.2: same-origin default refuses another host or port (cross-site hijacking)")
    void crossOriginRefused() {
        assertThat(sameOrigin.allows("http://evil.example", "localhost:8080", false)).isFalse();
        assertThat(sameOrigin.allows("http://localhost:9090", "localhost:8080", false)).isFalse();
        assertThat(sameOrigin.allows("null", "localhost:8080", false)).isFalse();
        assertThat(sameOrigin.allows("http://localhost:8080", null, false)).isFalse();
    }

    @Test
    @DisplayName("RFC 6455 §4.1: a request without Origin is not from a browser and is allowed")
    void missingOriginAllowed() {
        assertThat(sameOrigin.allows(null, "localhost:8080", false)).isTrue();
    }

    @Test
    @DisplayName("RFC 6454: listed origins compare as strings, case-insensitively; * allows any")
    void listedOrigins() {
        OriginPolicy listed = new OriginPolicy(List.of("https://app.example.com"));
        assertThat(listed.allows("https://APP.example.com", "api.example.com", true)).isTrue();
        assertThat(listed.allows("https://evil.example.com", "api.example.com", true)).isFalse();
        assertThat(new OriginPolicy(List.of("*")).allows("https://anything.test", "x", true)).isTrue();
    }
}
