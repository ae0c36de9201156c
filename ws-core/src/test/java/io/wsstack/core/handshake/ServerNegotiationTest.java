package io.wsstack.core.handshake;

import static io.wsstack.core.handshake.ServerHandshakeTest.assertBadRequest;
import static io.wsstack.core.handshake.ServerHandshakeTest.parse;
import static io.wsstack.core.handshake.ServerHandshakeTest.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.extension.ExtensionParameter;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Subprotocol and extension offers as the server reads them (RFC 6455 §4.1 item 10–11, §4.2.1, §9.1). */
class ServerNegotiationTest {

    @Test
    @DisplayName("RFC 6455 §4.1 item 10: Sec-WebSocket-Protocol lines combine into one list in order")
    void protocolsCombined() {
        ServerHandshake hs = parse(h -> h.add("Sec-WebSocket-Protocol", "chat, superchat").add("Sec-WebSocket-Protocol", "v3"));
        assertThat(hs.requestedProtocols()).containsExactly("chat", "superchat", "v3");
    }

    @Test
    @DisplayName("RFC 9110 §5.6.1: empty list elements and whitespace in Sec-WebSocket-Protocol are skipped")
    void protocolEmptyElementsSkipped() {
        ServerHandshake hs = parse(h -> h.add("Sec-WebSocket-Protocol", " ,chat ,, \tsuperchat,"));
        assertThat(hs.requestedProtocols()).containsExactly("chat", "superchat");
    }

    @Test
    @DisplayName("RFC 6455 §4.1 item 10: a protocol element that is not a token → 400")
    void protocolNotTokenIs400() {
        assertBadRequest(rejection(h -> h.add("Sec-WebSocket-Protocol", "chat, super chat")));
        assertBadRequest(rejection(h -> h.add("Sec-WebSocket-Protocol", "chat/1")));
        assertBadRequest(rejection(h -> h.add("Sec-WebSocket-Protocol", "\"chat\"")));
    }

    @Test
    @DisplayName("RFC 6455 §4.1 item 10: a protocol listed twice → 400")
    void duplicateProtocolIs400() {
        assertBadRequest(rejection(h -> h.add("Sec-WebSocket-Protocol", "chat").add("Sec-WebSocket-Protocol", "chat")));
    }

    @Test
    @DisplayName("RFC 6455 §4.2.2: selectProtocol picks the client's most preferred protocol the server supports")
    void selectFollowsClientOrder() {
        ServerHandshake hs = parse(h -> h.add("Sec-WebSocket-Protocol", "v3, v2, v1"));
        assertThat(hs.selectProtocol(List.of("v1", "v2"))).contains("v2");
        assertThat(hs.selectProtocol(List.of("v9"))).isEmpty();
        assertThat(hs.selectProtocol(List.of("V3"))).as("case-sensitive").isEmpty();
        assertThat(parse(h -> { }).selectProtocol(List.of("v1"))).isEmpty();
    }

    @Test
    @DisplayName("RFC 6455 §9.1: extension offers read in order with parameters")
    void extensionOffersRead() {
        ServerHandshake hs = parse(h -> h
                .add("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits, permessage-deflate")
                .add("Sec-WebSocket-Extensions", "x-foo"));
        assertThat(hs.extensionOffers()).extracting(ExtensionOffer::name)
                .containsExactly("permessage-deflate", "permessage-deflate", "x-foo");
        assertThat(hs.extensionOffers().get(0).parameters())
                .containsExactly(new ExtensionParameter("client_max_window_bits", null));
    }

    @Test
    @DisplayName("RFC 6455 §9.1 / bad-inputs #18: a malformed extension element is declined, not refused")
    void malformedExtensionDeclined() {
        ServerHandshake hs = parse(h -> h.add("Sec-WebSocket-Extensions", "permessage-deflate; =bad, x-ok"));
        assertThat(hs.extensionOffers()).extracting(ExtensionOffer::name).containsExactly("x-ok");
    }

    @Test
    @DisplayName("bad-inputs #21: 100k of 'a,' in Sec-WebSocket-Protocol → 400 on the length cap")
    void pathologicalProtocolsIs400() {
        assertBadRequest(rejection(h -> h.add("Sec-WebSocket-Protocol", "a,".repeat(50_000))));
    }

    @Test
    @DisplayName("bad-inputs #21: 100k spaces in Sec-WebSocket-Protocol → 400 on the length cap")
    void protocolSpacesIs400() {
        assertBadRequest(rejection(h -> h.add("Sec-WebSocket-Protocol", " ".repeat(100_000) + "chat")));
    }

    @Test
    @DisplayName("bad-inputs #21: many short Sec-WebSocket-Protocol lines are capped by their combined length")
    void manyProtocolLinesCapped() {
        assertBadRequest(rejection(h -> {
            for (int i = 0; i < 2_000; i++) {
                h.add("Sec-WebSocket-Protocol", "p" + i);
            }
        }));
    }

    @Test
    @DisplayName("bad-inputs #21: a protocol list just under the cap gives a bounded result")
    void protocolsUnderCapBounded() {
        String value = "a".repeat(10) + ",".repeat(4000);
        assertThat(parse(h -> h.add("Sec-WebSocket-Protocol", value)).requestedProtocols()).containsExactly("aaaaaaaaaa");
    }

    @Test
    @DisplayName("bad-inputs #21: 100k of 'a,' in Sec-WebSocket-Extensions → 400 on the length cap")
    void pathologicalExtensionsIs400() {
        assertBadRequest(rejection(h -> h.add("Sec-WebSocket-Extensions", "a,".repeat(50_000))));
    }

    @Test
    @DisplayName("bad-inputs #21: 100k of ';' or spaces in Sec-WebSocket-Extensions → 400 on the length cap")
    void extensionSeparatorsIs400() {
        assertBadRequest(rejection(h -> h.add("Sec-WebSocket-Extensions", "x" + ";".repeat(100_000))));
        assertBadRequest(rejection(h -> h.add("Sec-WebSocket-Extensions", " ".repeat(100_000))));
    }

    @Test
    @DisplayName("bad-inputs #21: a hostile extension value under the cap gives a bounded result")
    void extensionsUnderCapBounded() {
        ServerHandshake hs = parse(h -> h.add("Sec-WebSocket-Extensions", "a;b=\"" + "\\".repeat(3000)));
        assertThat(hs.extensionOffers()).isEmpty();
        ServerHandshake many = parse(h -> h.add("Sec-WebSocket-Extensions", "a,".repeat(2000)));
        assertThat(many.extensionOffers()).hasSize(2000);
    }
}
