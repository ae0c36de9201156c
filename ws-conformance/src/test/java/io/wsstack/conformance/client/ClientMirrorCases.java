package io.wsstack.conformance.client;

import static io.wsstack.conformance.wire.Frame.BINARY;
import static io.wsstack.conformance.wire.Frame.CLOSE;
import static io.wsstack.conformance.wire.Frame.CONTINUATION;
import static io.wsstack.conformance.wire.Frame.PING;
import static io.wsstack.conformance.wire.Frame.PONG;
import static io.wsstack.conformance.wire.Frame.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.conformance.wire.ClientDeflate;
import io.wsstack.conformance.wire.Frame;
import io.wsstack.conformance.wire.FrameWriter;
import io.wsstack.conformance.client.ClientUnderTest.Received;
import io.wsstack.core.deflate.DeflateOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Autobahn server cases mirrored for our clients — the plain client engine over a blocking
 * socket, and ws-client with its own I/O threads: a scripted server sends what the fuzzing client
 * would have sent (unmasked, as a server must), and the client must answer as a server would have,
 * with, in addition, the client-only rule that a masked frame from the server fails the connection
 * (RFC 6455 §5.1).
 */
@Tag("conformance")
class ClientMirrorCases {

    /** One mirrored case, run once per client implementation. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.wsstack.conformance.client.ClientMirrorCases#clients")
    @interface ClientCase {
    }

    static List<ClientUnderTest> clients() {
        return List.of(new EngineClientRun(), new WsClientRun());
    }

    private static final FrameWriter SERVER = FrameWriter.unmasked();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The client fails with {@code code} and tells the server so in a masked Close frame. */
    private static void clientFails(ClientUnderTest client, byte[] script, int code) throws Exception {
        try (ScriptedServer server = new ScriptedServer("", script)) {
            EngineClientRun.Outcome outcome = client.run(server.port(), null, 100);
            assertThat(outcome.failureCode()).as("close code of the client's failure").isEqualTo(code);
            Frame close = server.nextFromClient();
            assertThat(close).isNotNull();
            assertThat(close.opcode()).isEqualTo(CLOSE);
            assertThat(close.masked()).as("client frames are masked (RFC 6455 §5.3)").isTrue();
            assertThat(close.closeCode()).isEqualTo(code);
        }
    }

    @ClientCase @DisplayName("Autobahn 1.1.x/1.2.x mirrored / RFC 6455 §5.2: every length form from the server, in the same segment as the 101")
    void case_1_x_mirror_lengthFormsInOrder(ClientUnderTest client) throws Exception {
        int[] sizes = {0, 125, 126, 127, 128, 65535, 65536};
        ByteArrayOutputStream script = new ByteArrayOutputStream();
        for (int size : sizes) {
            byte[] text = new byte[size];
            Arrays.fill(text, (byte) '*');
            script.writeBytes(SERVER.frame(TEXT, text));
            script.writeBytes(SERVER.frame(BINARY, text));
        }
        try (ScriptedServer server = new ScriptedServer("", script.toByteArray())) {
            EngineClientRun.Outcome outcome = client.run(server.port(), null, sizes.length * 2);
            assertThat(outcome.failureCode()).isZero();
            assertThat(outcome.received()).hasSize(sizes.length * 2);
            for (int i = 0; i < sizes.length; i++) {
                assertThat(outcome.received().get(2 * i).kind()).isEqualTo(Received.Kind.TEXT);
                assertThat(outcome.received().get(2 * i).data()).hasSize(sizes[i]);
                assertThat(outcome.received().get(2 * i + 1).kind()).isEqualTo(Received.Kind.BINARY);
            }
        }
    }

    @ClientCase @DisplayName("Autobahn 2.2 mirrored / RFC 6455 §5.5.3: a server ping is answered with a masked pong carrying its payload")
    void case_2_2_mirror_pingAnswered(ClientUnderTest client) throws Exception {
        try (ScriptedServer server = new ScriptedServer("", SERVER.frame(PING, utf8("Hello, world!")))) {
            client.run(server.port(), null, 1);
            Frame pong = server.nextFromClient();
            assertThat(pong.opcode()).isEqualTo(PONG);
            assertThat(pong.masked()).isTrue();
            assertThat(pong.payload()).isEqualTo(utf8("Hello, world!"));
        }
    }

    @ClientCase @DisplayName("Autobahn 2.5 mirrored / RFC 6455 §5.5: a 126-byte ping from the server → 1002")
    void case_2_5_mirror_ping126(ClientUnderTest client) throws Exception {
        clientFails(client, SERVER.frame(true, 0, PING, new byte[126], 16), 1002);
    }

    @ClientCase @DisplayName("Autobahn 3.1 mirrored / RFC 6455 §5.2: RSV1 from the server without an extension → 1002")
    void case_3_1_mirror_rsv1(ClientUnderTest client) throws Exception {
        clientFails(client, SERVER.frame(true, 4, TEXT, utf8("Hello")), 1002);
    }

    @ClientCase @DisplayName("Autobahn 4.1.1 mirrored / RFC 6455 §5.2: reserved opcode 3 from the server → 1002")
    void case_4_1_1_mirror_reservedOpcode(ClientUnderTest client) throws Exception {
        clientFails(client, SERVER.frame(3, new byte[0]), 1002);
    }

    @ClientCase @DisplayName("Autobahn 4.2.1 mirrored / RFC 6455 §5.2: reserved opcode 11 from the server → 1002")
    void case_4_2_1_mirror_reservedControlOpcode(ClientUnderTest client) throws Exception {
        clientFails(client, SERVER.frame(11, new byte[0]), 1002);
    }

    @ClientCase @DisplayName("Autobahn 5.1 mirrored / RFC 6455 §5.5: fragmented ping from the server → 1002")
    void case_5_1_mirror_fragmentedPing(ClientUnderTest client) throws Exception {
        clientFails(client, concat(SERVER.frame(false, 0, PING, utf8("a")), SERVER.frame(true, 0, CONTINUATION, utf8("b"))), 1002);
    }

    @ClientCase @DisplayName("Autobahn 5.9 mirrored / RFC 6455 §5.4: continuation with nothing to continue → 1002")
    void case_5_9_mirror_continuationFirst(ClientUnderTest client) throws Exception {
        clientFails(client, SERVER.frame(CONTINUATION, utf8("x")), 1002);
    }

    @ClientCase @DisplayName("Autobahn 5.6 mirrored / RFC 6455 §5.4: ping between fragments is answered and the message assembled")
    void case_5_6_mirror_pingBetweenFragments(ClientUnderTest client) throws Exception {
        byte[] script = concat(SERVER.frame(false, 0, TEXT, utf8("fragment1")), SERVER.frame(PING, utf8("p")),
                SERVER.frame(true, 0, CONTINUATION, utf8("fragment2")));
        try (ScriptedServer server = new ScriptedServer("", script)) {
            EngineClientRun.Outcome outcome = client.run(server.port(), null, 2);
            assertThat(outcome.received()).extracting(Received::kind)
                    .containsExactly(Received.Kind.PING, Received.Kind.TEXT);
            assertThat(outcome.received().get(1).text()).isEqualTo("fragment1fragment2");
            assertThat(server.nextFromClient().opcode()).isEqualTo(PONG);
        }
    }

    @ClientCase @DisplayName("Autobahn 6.3.1 mirrored / RFC 6455 §8.1: invalid UTF-8 text from the server → 1007")
    void case_6_3_1_mirror_invalidUtf8(ClientUnderTest client) throws Exception {
        clientFails(client, SERVER.frame(TEXT, HexFormat.of().parseHex("cebae1bdb9cf83cebcceb5eda080656469746564")), 1007);
    }

    @ClientCase @DisplayName("Autobahn 6.4.3 mirrored / RFC 6455 §8.1: fail fast: 1007 while the server's frame is still incomplete")
    void case_6_4_3_mirror_failFastInsideFrame(ClientUnderTest client) throws Exception {
        byte[] frame = SERVER.frame(TEXT, HexFormat.of().parseHex("cebae1bdb9cf83cebcceb5f4908080656469746564"));
        // Only the header, "κόσμε" and the invalid F4 90 80 80 are sent; the rest never comes.
        clientFails(client, Arrays.copyOf(frame, 2 + 11 + 4), 1007);
    }

    @ClientCase @DisplayName("Autobahn 7.3.2 mirrored / RFC 6455 §5.5.1: Close with a 1-byte payload from the server → 1002")
    void case_7_3_2_mirror_closeOneByte(ClientUnderTest client) throws Exception {
        clientFails(client, SERVER.frame(CLOSE, new byte[] {3}), 1002);
    }

    @ClientCase @DisplayName("Autobahn 7.9.1 mirrored / RFC 6455 §7.4: Close code 0 from the server → 1002")
    void case_7_9_1_mirror_closeCode0(ClientUnderTest client) throws Exception {
        clientFails(client, SERVER.frame(CLOSE, FrameWriter.closeBody(0, new byte[0])), 1002);
    }

    @ClientCase @DisplayName("Autobahn 7.7.1 mirrored / RFC 6455 §5.5.1: server Close 1000 is echoed by the client with 1000")
    void case_7_7_1_mirror_closeEchoed(ClientUnderTest client) throws Exception {
        try (ScriptedServer server = new ScriptedServer("", SERVER.frame(CLOSE, FrameWriter.closeBody(1000, utf8("bye"))))) {
            EngineClientRun.Outcome outcome = client.run(server.port(), null, 1);
            assertThat(outcome.received()).singleElement().extracting(Received::closeCode).isEqualTo(1000);
            Frame echo = server.nextFromClient();
            assertThat(echo.opcode()).isEqualTo(CLOSE);
            assertThat(echo.closeCode()).isEqualTo(1000);
        }
    }

    @ClientCase @DisplayName("RFC 6455 §5.1 (client only): a masked frame from the server → 1002")
    void rfc6455_5_1_maskedServerFrame(ClientUnderTest client) throws Exception {
        clientFails(client, FrameWriter.masking(1).frame(TEXT, utf8("masked")), 1002);
    }

    @ClientCase @DisplayName("RFC 6455 §5.2: a 64-bit length with the top bit set from the server → 1002")
    void rfc6455_5_2_lengthTopBit(ClientUnderTest client) throws Exception {
        clientFails(client, SERVER.headerOnly(BINARY, Long.MIN_VALUE), 1002);
    }

    @ClientCase @DisplayName("Autobahn 12.1.x mirrored / RFC 7692 §7.2: compressed messages from the server are inflated, context kept")
    void case_12_x_mirror_compressedFromServer(ClientUnderTest client) throws Exception {
        ByteArrayOutputStream script = new ByteArrayOutputStream();
        try (ClientDeflate serverSide = new ClientDeflate(false, false)) {
            for (int i = 0; i < 3; i++) {
                script.writeBytes(SERVER.frame(true, 4, TEXT, serverSide.compress(utf8("Hello compressed world " + i))));
            }
        }
        try (ScriptedServer server = new ScriptedServer("Sec-WebSocket-Extensions: permessage-deflate\r\n", script.toByteArray())) {
            EngineClientRun.Outcome outcome = client.run(server.port(), DeflateOptions.defaults(), 3);
            assertThat(outcome.failureCode()).isZero();
            assertThat(outcome.received()).extracting(Received::text)
                    .containsExactly("Hello compressed world 0", "Hello compressed world 1", "Hello compressed world 2");
        }
    }

    @ClientCase @DisplayName("Autobahn 2.10 mirrored / RFC 6455 §5.5.3: ten pings in one write get ten masked pongs, in order, each with its ping's payload")
    void case_2_10_mirror_pingBurst(ClientUnderTest client) throws Exception {
        ByteArrayOutputStream script = new ByteArrayOutputStream();
        for (int i = 0; i < 10; i++) {
            script.writeBytes(SERVER.frame(PING, utf8("payload-" + i)));
        }
        try (ScriptedServer server = new ScriptedServer("", script.toByteArray())) {
            EngineClientRun.Outcome outcome = client.run(server.port(), null, 10);
            assertThat(outcome.failureCode()).isZero();
            for (int i = 0; i < 10; i++) {
                Frame pong = server.nextFromClient();
                assertThat(pong).as("pong %d", i).isNotNull();
                assertThat(pong.opcode()).isEqualTo(PONG);
                assertThat(pong.masked()).isTrue();
                assertThat(new String(pong.payload(), StandardCharsets.UTF_8)).isEqualTo("payload-" + i);
            }
        }
    }

    @org.junit.jupiter.api.Test
    @DisplayName("RFC 6455 §5.5.1 (ws-client): the echo of a valid message goes out before the Close 1002 that a bad frame right after it causes")
    void rfc6455_5_5_1_echoBeforeCloseOfLaterBadFrame() throws Exception {
        // "Hello", then a frame with reserved opcode 3, in the same TCP write as the 101.
        byte[] script = concat(SERVER.frame(TEXT, utf8("Hello")), SERVER.frame(3, new byte[0]));
        try (ScriptedServer server = new ScriptedServer("", script);
             io.wsstack.client.WsClient wsClient = io.wsstack.client.WsClient.builder().noCompression().build()) {
            java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
            wsClient.connect(java.net.URI.create("ws://127.0.0.1:" + server.port() + "/"), new io.wsstack.client.WsClientListener() {
                @Override
                public void onText(io.wsstack.client.WsClientSession session, String text) {
                    session.sendText(text);
                }

                @Override
                public void onClose(io.wsstack.client.WsClientSession session, int code, String reason) {
                    closed.complete(code);
                }
            }).get(10, java.util.concurrent.TimeUnit.SECONDS);
            Frame echo = server.nextFromClient();
            assertThat(echo).isNotNull();
            assertThat(echo.opcode()).isEqualTo(TEXT);
            assertThat(echo.masked()).isTrue();
            assertThat(new String(echo.payload(), StandardCharsets.UTF_8)).isEqualTo("Hello");
            Frame close = server.nextFromClient();
            assertThat(close.opcode()).isEqualTo(CLOSE);
            assertThat(close.closeCode()).isEqualTo(1002);
            assertThat(closed.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1002);
        }
    }
}
