package io.wsstack.spring.servlet;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OriginPolicyTest {

    private final OriginPolicy sameOrigin = new OriginPolicy(List.of());

    @Test
    @DisplayName("RFC 6455 §10.2 / RFC 6454 §5: same-origin default accepts the request's own scheme, host and port")
    void sameOriginAccepted() {
        assertThat(sameOrigin.allows("http://localhost:8080", "http", "localhost", 8080)).isTrue();
        assertThat(sameOrigin.allows("https://example.com", "https", "example.com", 443)).isTrue();
        assertThat(sameOrigin.allows("http://example.com:80", "http", "example.com", 80)).isTrue();
        assertThat(sameOrigin.allows("http://EXAMPLE.com", "http", "example.com", 80)).isTrue();
        assertThat(sameOrigin.allows("http://[::1]:8080", "http", "::1", 8080)).isTrue();
    }

    @Test
    @DisplayName("RFC 6455 §10.2: same-origin default refuses another host or port (cross-site hijacking)")
    void crossOriginRefused() {
        assertThat(sameOrigin.allows("http://evil.example", "http", "localhost", 8080)).isFalse();
        assertThat(sameOrigin.allows("http://localhost:9090", "http", "localhost", 8080)).isFalse();
        assertThat(sameOrigin.allows("null", "http", "localhost", 8080)).isFalse();
        assertThat(sameOrigin.allows("http://localhost:8080", "http", null, 8080)).isFalse();
    }

    @Test
    @DisplayName("RFC 6454 §4: another scheme is another origin, default ports included (https:443 vs http:443)")
    void otherSchemeRefused() {
        assertThat(sameOrigin.allows("https://localhost:8080", "http", "localhost", 8080)).isFalse();
        assertThat(sameOrigin.allows("http://example.com:443", "https", "example.com", 443)).isFalse();
        assertThat(sameOrigin.allows("https://example.com", "http", "example.com", 443)).isFalse();
        assertThat(sameOrigin.allows("ws://localhost:8080", "http", "localhost", 8080)).isFalse();
    }

    @Test
    @DisplayName("RFC 6454 §6.2: an Origin is scheme://host[:port]; a path, query, fragment or user part → refused")
    void notBareOriginRefused() {
        assertThat(sameOrigin.allows("http://localhost:8080/", "http", "localhost", 8080)).isFalse();
        assertThat(sameOrigin.allows("http://localhost:8080/app", "http", "localhost", 8080)).isFalse();
        assertThat(sameOrigin.allows("http://localhost:8080?x=1", "http", "localhost", 8080)).isFalse();
        assertThat(sameOrigin.allows("http://localhost:8080#f", "http", "localhost", 8080)).isFalse();
        assertThat(sameOrigin.allows("http://evil@localhost:8080", "http", "localhost", 8080)).isFalse();
    }

    @Test
    @DisplayName("RFC 6455 §4.1: a request without Origin is not from a browser and is allowed")
    void missingOriginAllowed() {
        assertThat(sameOrigin.allows(null, "http", "localhost", 8080)).isTrue();
    }

    @Test
    @DisplayName("RFC 6454: listed origins compare as strings, case-insensitively; * allows any")
    void listedOrigins() {
        OriginPolicy listed = new OriginPolicy(List.of("https://app.example.com"));
        assertThat(listed.allows("https://APP.example.com", "https", "api.example.com", 443)).isTrue();
        assertThat(listed.allows("https://evil.example.com", "https", "api.example.com", 443)).isFalse();
        assertThat(new OriginPolicy(List.of("*")).allows("https://anything.test", "http", "x", 80)).isTrue();
    }
}
