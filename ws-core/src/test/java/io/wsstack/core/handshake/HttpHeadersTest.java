package io.wsstack.core.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HttpHeadersTest {

    @Test
    @DisplayName("RFC 9110 §5.1: header names compare case-insensitively")
    void namesIgnoreCase() {
        HttpHeaders h = new HttpHeaders().add("Sec-WebSocket-Key", "k");
        assertThat(h.first("sec-websocket-key")).isEqualTo("k");
        assertThat(h.contains("SEC-WEBSOCKET-KEY")).isTrue();
        assertThat(h.first("Origin")).isNull();
    }

    @Test
    @DisplayName("RFC 9110 §5.3: repeated lines keep their order; names() lists each name once")
    void multipleValuesInOrder() {
        HttpHeaders h = new HttpHeaders().add("A", "1").add("B", "2").add("a", "3");
        assertThat(h.all("A")).containsExactly("1", "3");
        assertThat(h.count("a")).isEqualTo(2);
        assertThat(h.names()).containsExactly("A", "B");
        assertThat(h.size()).isEqualTo(3);
        List<String> lines = new ArrayList<>();
        h.forEach((n, v) -> lines.add(n + "=" + v));
        assertThat(lines).containsExactly("A=1", "B=2", "a=3");
    }

    @Test
    @DisplayName("set replaces every line of that name; remove deletes them")
    void setAndRemove() {
        HttpHeaders h = new HttpHeaders().add("A", "1").add("a", "2").add("B", "3");
        h.set("A", "9");
        assertThat(h.all("a")).containsExactly("9");
        assertThat(h.remove("b")).isTrue();
        assertThat(h.remove("b")).isFalse();
        assertThat(h.size()).isEqualTo(1);
    }

    @Test
    @DisplayName("RFC 9110 §5.6.1: Connection: keep-alive, Upgrade lists the token upgrade")
    void tokenInCommaList() {
        assertThat(HttpHeaders.listContainsToken("keep-alive, Upgrade", "upgrade")).isTrue();
        assertThat(HttpHeaders.listContainsToken("keep-alive,upgrade ", "Upgrade")).isTrue();
        assertThat(HttpHeaders.listContainsToken("\tUPGRADE\t", "Upgrade")).isTrue();
        assertThat(HttpHeaders.listContainsToken("keep-alive, Upgrades", "Upgrade")).isFalse();
        assertThat(HttpHeaders.listContainsToken("keep-alive, pgrade", "Upgrade")).isFalse();
        assertThat(HttpHeaders.listContainsToken("", "Upgrade")).isFalse();
        assertThat(HttpHeaders.listContainsToken(",,", "Upgrade")).isFalse();
        assertThat(HttpHeaders.listContainsToken(null, "Upgrade")).isFalse();
    }

    @Test
    @DisplayName("RFC 9110 §5.6.1: a token on any of several lines counts")
    void tokenOnAnyLine() {
        HttpHeaders h = new HttpHeaders().add("Connection", "keep-alive").add("connection", "Upgrade");
        assertThat(h.containsToken("Connection", "upgrade")).isTrue();
        assertThat(h.containsToken("Upgrade", "websocket")).isFalse();
    }

    @Test
    @DisplayName("RFC 9110 §5.5: CR, LF and NUL in a value are refused so a header cannot be split")
    void valueInjectionRefused() {
        HttpHeaders h = new HttpHeaders();
        assertThatIllegalArgumentException().isThrownBy(() -> h.add("X", "a\r\nEvil: 1"));
        assertThatIllegalArgumentException().isThrownBy(() -> h.add("X", "a\nb"));
        assertThatIllegalArgumentException().isThrownBy(() -> h.add("X", "a\0b"));
        assertThatIllegalArgumentException().isThrownBy(() -> h.add("X", "\u0100"));
        assertThatIllegalArgumentException().isThrownBy(() -> h.add("X", null));
        h.add("X", "tab\tand obs-text \u00e9");
        assertThat(h.first("x")).isEqualTo("tab\tand obs-text \u00e9");
    }

    @Test
    @DisplayName("RFC 9110 §5.1: a header name must be a token")
    void nameMustBeToken() {
        HttpHeaders h = new HttpHeaders();
        assertThatIllegalArgumentException().isThrownBy(() -> h.add("Bad Name", "v"));
        assertThatIllegalArgumentException().isThrownBy(() -> h.add("Bad:Name", "v"));
        assertThatIllegalArgumentException().isThrownBy(() -> h.add("", "v"));
        assertThatIllegalArgumentException().isThrownBy(() -> h.add("Na\u00efve", "v"));
    }

    @Test
    @DisplayName("copyOf is independent of the original")
    void copyIsIndependent() {
        HttpHeaders h = new HttpHeaders().add("A", "1");
        HttpHeaders copy = HttpHeaders.copyOf(h);
        copy.add("B", "2");
        assertThat(h.size()).isEqualTo(1);
        assertThat(copy.size()).isEqualTo(2);
    }

    @Test
    @DisplayName("equal when the same lines are in the same order")
    void equality() {
        HttpHeaders a = new HttpHeaders().add("A", "1").add("B", "2");
        assertThat(a).isEqualTo(new HttpHeaders().add("A", "1").add("B", "2"));
        assertThat(a.hashCode()).isEqualTo(new HttpHeaders().add("A", "1").add("B", "2").hashCode());
        assertThat(a).isNotEqualTo(new HttpHeaders().add("B", "2").add("A", "1"));
        assertThat(a).isNotEqualTo(new HttpHeaders().add("A", "1"));
    }
}
