package io.wsstack.core.interop;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.WebSocketMessage;
import io.wsstack.core.deflate.DeflateOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 7692 interop with real peers over loopback: Node's {@code ws} and Python's
 * {@code websockets} exchange compressed messages with the engine in both directions, with context
 * takeover on and off. The engine side is the plain API over blocking sockets.
 */
@Tag("interop")
class PermessageDeflateInteropTest {

    static Stream<Arguments> peersAndModes() {
        return Stream.of(ExternalPeer.values())
                .flatMap(peer -> Stream.of("takeover", "no-takeover").map(mode -> Arguments.of(peer, mode)));
    }

    private static DeflateOptions options(String mode) {
        boolean off = mode.equals("no-takeover");
        return DeflateOptions.builder().serverNoContextTakeover(off).clientNoContextTakeover(off).threshold(0).build();
    }

    @ParameterizedTest(name = "{0} client → engine server, context {1}")
    @MethodSource("peersAndModes")
    @DisplayName("RFC 7692: a real client's compressed messages are inflated and echoed compressed by the engine server")
    void peerClientAgainstEngineServer(ExternalPeer peer, String mode) throws Exception {
        try (BlockingEchoServer server = new BlockingEchoServer(options(mode))) {
            ExternalPeer.Result result = peer.run(60, "client", "ws://127.0.0.1:" + server.port() + "/", mode);

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("OK 8").containsIgnoringCase("deflate");
            assertThat(server.failure).isNull();
            assertThat(server.compressionAccepted).isTrue();
            assertThat(server.messagesEchoed.get()).isEqualTo(8);
            // 100 KB of zeros and the JSON shrink far below their size on the wire.
            assertThat(server.wireBytesIn.get()).isLessThan(server.payloadBytesIn.get() / 4);
        }
    }

    @ParameterizedTest(name = "engine client → {0} server, context {1}")
    @MethodSource("peersAndModes")
    @DisplayName("RFC 7692: the engine client's compressed messages are understood by a real server and its compressed echoes inflated")
    void engineClientAgainstPeerServer(ExternalPeer peer, String mode) throws Exception {
        Process process = peer.start("server", mode);
        try {
            int port = ExternalPeer.awaitPort(process);
            List<StandardMessages.Message> sent = StandardMessages.all();

            BlockingClientRun.Outcome outcome = BlockingClientRun.run(port, options(mode), sent);

            assertThat(outcome.compressionAccepted()).isTrue();
            assertThat(outcome.echoes()).hasSize(sent.size());
            for (int i = 0; i < sent.size(); i++) {
                WebSocketMessage echo = outcome.echoes().get(i);
                assertThat(echo.type()).isEqualTo(sent.get(i).text() ? WebSocketMessage.Type.TEXT : WebSocketMessage.Type.BINARY);
                assertThat(echo.data()).as("echo %d", i).isEqualTo(sent.get(i).payload());
            }
            assertThat(outcome.wireBytesIn()).isLessThan(outcome.payloadBytesIn() / 4);
            assertThat(outcome.closeCode()).isEqualTo(CloseCodes.NORMAL_CLOSURE);
        } finally {
            process.getOutputStream().close();
            process.destroy();
        }
    }
}
