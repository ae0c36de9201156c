package io.wsstack.core.plain;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.ConnectionSettings;
import io.wsstack.core.MaskKeySource;
import io.wsstack.core.ClientEngine;
import io.wsstack.core.WebSocketMessage;
import io.wsstack.core.WebSocketProtocolException;
import io.wsstack.core.ServerEngine;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.handshake.HandshakeFailedException;
import io.wsstack.core.handshake.HandshakeRejectedException;
import io.wsstack.core.handshake.ServerHandshake;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The feature document's plain client and server API, end to end in memory. */
class PlainApiTest {

    private final ClientEngine client = new ClientEngine(ConnectionSettings.DEFAULTS, MaskKeySource.fixed(0x37fa213d));
    private final ServerEngine server = new ServerEngine();

    private void connect(String... protocols) {
        ClientEngine.Handshake handshake = client.createHandshake("example.com", "/chat?room=1");
        for (String p : protocols) {
            handshake.addProtocol(p);
        }
        ServerHandshake parsed = server.parseHandshake(handshake.build());
        if (parsed.requestedProtocols().contains("chat")) {
            server.selectProtocol("chat");
        }
        client.validateHandshakeResponse(server.acceptHandshake(parsed));
    }

    @Test
    @DisplayName("RFC 6455 §4.1/§4.2.2: subprotocols offered in order, the server's selection is exposed to the client")
    void subprotocolSelection() {
        connect("json", "chat");

        assertThat(client.getAcceptedProtocol()).isEqualTo("chat");
        assertThat(server.selectedProtocol()).isEqualTo("chat");
    }

    @Test
    @DisplayName("RFC 6455 §5.6: text and binary messages travel both ways; client frames masked, server frames not")
    void messagesBothWays() {
        connect();

        byte[] fromClient = client.sendText("Hello");
        assertThat(HexFormat.of().formatHex(fromClient)).isEqualTo("818537fa213d7f9f4d5158"); // RFC 6455 §5.7
        assertThat(server.processFrame(fromClient).text()).isEqualTo("Hello");

        byte[] fromServer = server.sendBinary(new byte[] {1, 2, 3});
        assertThat(HexFormat.of().formatHex(fromServer)).isEqualTo("8203010203");
        WebSocketMessage m = client.processFrame(fromServer);
        assertThat(m.type()).isEqualTo(WebSocketMessage.Type.BINARY);
        assertThat(m.data()).containsExactly(1, 2, 3);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.2: a ping is reported and its pong is waiting in the output with the same payload")
    void pingIsAnswered() {
        connect();

        WebSocketMessage ping = server.processFrame(client.sendPing("are you there"));

        assertThat(ping.type()).isEqualTo(WebSocketMessage.Type.PING);
        WebSocketMessage pong = client.processFrame(server.takeOutput());
        assertThat(pong.type()).isEqualTo(WebSocketMessage.Type.PONG);
        assertThat(pong.text()).isEqualTo("are you there");
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: the peer's close is reported with its code and echoed once")
    void closeIsEchoed() {
        connect();

        WebSocketMessage close = server.processFrame(client.sendClose(CloseCodes.GOING_AWAY, "bye"));

        assertThat(close.closeCode()).isEqualTo(1001);
        assertThat(close.closeReason()).isEqualTo("bye");
        WebSocketMessage echo = client.processFrame(server.takeOutput());
        assertThat(echo.closeCode()).isEqualTo(1001);
        assertThat(server.isClosed()).isTrue();
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    @DisplayName("RFC 6455 §5.2: a reserved opcode fails the connection with 1002 and the close frame is in the output")
    void protocolErrorClosesWith1002() {
        connect();

        byte[] reservedOpcode = HexFormat.of().parseHex("838037fa213d"); // FIN, opcode 3, masked, empty

        assertThatThrownBy(() -> server.processFrame(reservedOpcode))
                .isInstanceOfSatisfying(WebSocketProtocolException.class, e -> assertThat(e.closeCode()).isEqualTo(1002));
        byte[] close = server.takeOutput();
        assertThat(close[0] & 0xff).isEqualTo(0x88);
        assertThat(((close[2] & 0xff) << 8) | (close[3] & 0xff)).isEqualTo(1002);
    }

    @Test
    @DisplayName("Frames sent in the same segment as the 101 are delivered in order after validation")
    void framesAfterTheResponseHead() {
        ClientEngine.Handshake handshake = client.createHandshake("example.com", "/");
        ServerHandshake parsed = server.parseHandshake(handshake.build());
        byte[] head = server.acceptHandshake(parsed);
        byte[] first = server.sendText("first");
        byte[] second = server.sendText("second");
        byte[] segment = new byte[head.length + first.length + second.length];
        System.arraycopy(head, 0, segment, 0, head.length);
        System.arraycopy(first, 0, segment, head.length, first.length);
        System.arraycopy(second, 0, segment, head.length + first.length, second.length);

        client.validateHandshakeResponse(segment);

        assertThat(client.processFrame(new byte[0]).text()).isEqualTo("first");
        assertThat(client.processFrame(new byte[0]).text()).isEqualTo("second");
        assertThat(client.processFrame(new byte[0])).isNull();
    }

    @Test
    @DisplayName("RFC 7692: requested, accepted and used — RSV1 set on compressed frames, inflated on receipt")
    void perMessageDeflate() {
        client.requestPerMessageDeflate(DeflateOptions.builder().threshold(0).build());
        server.enablePerMessageDeflate(DeflateOptions.builder().threshold(0).build());
        connect();

        assertThat(client.compressionAccepted()).isTrue();
        client.enablePerMessageDeflate();
        String text = "compress me ".repeat(100);
        byte[] frame = client.sendText(text);
        assertThat(frame[0] & 0xff).isEqualTo(0xC1); // FIN + RSV1 + text
        assertThat(frame.length).isLessThan(text.length() / 4);
        assertThat(server.processFrame(frame).text()).isEqualTo(text);
        assertThat(client.processFrame(server.sendText(text)).text()).isEqualTo(text);
        client.release();
        server.release();
    }

    @Test
    @DisplayName("RFC 7692 §5: a client that did not ask for compression cannot enable it")
    void enableWithoutAcceptanceFails() {
        server.enablePerMessageDeflate(DeflateOptions.defaults());
        connect();

        assertThat(client.compressionAccepted()).isFalse();
        assertThatThrownBy(client::enablePerMessageDeflate).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("RFC 6455 §4.4: an unsupported version is refused with 426 and Sec-WebSocket-Version: 13")
    void wrongVersionIs426() {
        String request = "GET /chat HTTP/1.1\r\nHost: example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n";

        assertThatThrownBy(() -> server.parseHandshake(request.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(HandshakeRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(426);
                    assertThat(new String(e.toResponseBytes(), StandardCharsets.US_ASCII))
                            .contains("Sec-WebSocket-Version: 13").contains("Connection: close");
                });
    }

    @Test
    @DisplayName("RFC 6455 §4.1: a response with the wrong Sec-WebSocket-Accept fails the client handshake")
    void wrongAcceptFails() {
        client.createHandshake("example.com", "/").build();
        String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n";

        assertThatThrownBy(() -> client.validateHandshakeResponse(response.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(HandshakeFailedException.class,
                        e -> assertThat(e.reason()).isEqualTo(HandshakeFailedException.Reason.BAD_ACCEPT));
    }

    @Test
    @DisplayName("Sending before the handshake completed is refused")
    void sendBeforeHandshake() {
        assertThatThrownBy(() -> client.sendText("early")).isInstanceOf(IllegalStateException.class);
    }
}
