package io.wsstack.core.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.core.extension.ExtensionOffer;
import io.wsstack.core.extension.ExtensionParameter;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Client and server sides of RFC 6455 §4 against each other, through bytes. */
class HandshakeRoundTripTest {

    @Test
    @DisplayName("RFC 6455 §4.1/§4.2: the client's request passes the server; the server's 101 passes the client")
    void roundTrip() {
        ClientHandshakeRequest clientRequest = ClientHandshake.builder(URI.create("ws://localhost:8080/chat?room=7"))
                .addProtocol("v2.chat")
                .addProtocol("v1.chat")
                .addExtensionOffer(new ExtensionOffer("permessage-deflate",
                        List.of(new ExtensionParameter("client_max_window_bits", null))))
                .header("Origin", "http://localhost:8080")
                .keySource(new Random(42)::nextBytes)
                .build();

        HandshakeRequest received = new HttpHeadParser().parseRequest(clientRequest.toByteBuffer());
        ServerHandshake server = ServerHandshake.parse(received);
        assertThat(server.request().requestTarget()).isEqualTo("/chat?room=7");
        assertThat(server.origin()).isEqualTo("http://localhost:8080");
        assertThat(server.key()).isEqualTo(clientRequest.key());
        assertThat(server.requestedProtocols()).containsExactly("v2.chat", "v1.chat");
        String protocol = server.selectProtocol(List.of("v1.chat", "v2.chat")).orElseThrow();
        ExtensionOffer deflate = new ExtensionOffer("permessage-deflate",
                List.of(new ExtensionParameter("client_max_window_bits", "12")));
        HandshakeResponse response = server.accept(protocol, List.of(deflate), new HttpHeaders().add("X-Trace", "1"));

        byte[] head = response.toBytes();
        ByteBuffer wire = ByteBuffer.allocate(head.length + 2).put(head).put(new byte[] {(byte) 0x89, 0x00});
        wire.flip();
        ClientHandshakeResult result = clientRequest.validate(wire);
        assertThat(result.acceptedProtocol()).isEqualTo("v2.chat");
        assertThat(result.acceptedExtensions()).containsExactly(deflate);
        assertThat(result.headers().first("X-Trace")).isEqualTo("1");
        assertThat(result.headLength()).isEqualTo(head.length);
        assertThat(wire.remaining()).isEqualTo(2); // a ping frame that came with the 101
    }

    @Test
    @DisplayName("RFC 6455 §4.1/§4.2: a hundred random keys all round-trip")
    void manyKeys() {
        Random random = new Random(7);
        for (int i = 0; i < 100; i++) {
            ClientHandshakeRequest clientRequest = ClientHandshake.builder("h", "/").keySource(random::nextBytes).build();
            ServerHandshake server = ServerHandshake.parse(new HttpHeadParser().parseRequest(clientRequest.toByteBuffer()));
            byte[] head = server.accept(null, List.of(), null).toBytes();
            assertThat(clientRequest.validate(ByteBuffer.wrap(head)).acceptedProtocol()).isNull();
        }
    }
}
