package io.wsstack.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.WebSocketMessage;
import io.wsstack.core.deflate.DeflateMode;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.core.deflate.DeflatePreset;
import io.wsstack.core.deflate.DeflateResources;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 7692 §7.1.2 window sizes against real peers (issue 16): for every window 8–15, Node's {@code ws}
 * and Python's {@code websockets}, configured with that window, exchange the standard messages with
 * the engine in both roles, with context takeover, so every message depends on the previous ones'
 * window. With the FFM zlib binding (the JDK 25 surefire execution) every window is agreed; with
 * java.util.zip (JDK 17) the same runs still round-trip every message, the server declining windows
 * below 15, and the client (which can only compress with 15 bits) asking the peer server to limit
 * only its own window, which it inflates whatever the size.
 *
 * <p>The peer's decompressor has exactly the window we compress with, so a back reference beyond it
 * would fail on their side. At window 8 we compress with zlib's 9 bits, whose matches reach at most
 * 250 bytes back (see {@code ServerDeflateNegotiator}); Python's 8-bit inflater reading it is the proof.
 * CPython cannot compress raw deflate with 8 bits, so at 8 the Python peer compresses with 9 (and
 * offers or answers that); Node maps 8 to 9 internally.
 */
@Tag("interop")
class WindowBitsInteropTest {

    private static final boolean FFM = DeflateResources.smallWindowsSupported();

    static Stream<Arguments> peersAndWindows() {
        return Stream.of(ExternalPeer.values())
                .flatMap(peer -> IntStream.rangeClosed(8, 15).mapToObj(bits -> Arguments.of(peer, bits)));
    }

    /** The window the peer itself compresses with when configured with {@code bits}. */
    private static int peerCompressBits(ExternalPeer peer, int bits) {
        return peer == ExternalPeer.PYTHON_WEBSOCKETS ? Math.max(bits, 9) : bits;
    }

    @ParameterizedTest(name = "{0} client → engine server, window {1}")
    @MethodSource("peersAndWindows")
    @DisplayName("RFC 7692 §7.1.2: a real client offering window N gets server_max_window_bits=N and round-trips every message")
    void peerClientAgainstEngineServer(ExternalPeer peer, int bits) throws Exception {
        try (BlockingEchoServer server = new BlockingEchoServer(DeflateOptions.builder().threshold(0).build())) {
            ExternalPeer.Result result = echoEveryMessage(peer, server, bits);
            if (!FFM) {
                // java.util.zip cannot compress with less than 15 bits: the offer is declined, not broken.
                assertThat(server.compressionAccepted.get()).isEqualTo(bits == 15);
                return;
            }
            assertWindowsAgreed(peer, result, bits, peerCompressBits(peer, bits));
            assertThat(server.wireBytesIn.get()).isLessThan(server.payloadBytesIn.get() / 4);
        }
    }

    /** Runs the peer's client, offering window {@code bits}, against {@code server}: all 8 messages echoed. */
    private static ExternalPeer.Result echoEveryMessage(ExternalPeer peer, BlockingEchoServer server, int bits)
            throws Exception {
        ExternalPeer.Result result = peer.run(60, "client", "ws://127.0.0.1:" + server.port() + "/", "window-" + bits);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("OK 8");
        assertThat(server.failure).isNull();
        assertThat(server.messagesEchoed.get()).isEqualTo(8);
        return result;
    }

    /** The windows the peer reports: ours ({@code bits}) and the one it compresses with. */
    private static void assertWindowsAgreed(ExternalPeer peer, ExternalPeer.Result result, int bits, int peerBits) {
        if (peer == ExternalPeer.NODE_WS) {
            assertThat(result.output()).contains("server_max_window_bits=" + bits)
                    .contains("client_max_window_bits=" + bits);
        } else {
            assertThat(result.output()).contains("remote_max_window_bits=" + bits)
                    .contains("local_max_window_bits=" + peerBits);
        }
    }

    static Stream<Arguments> peersAndPooledPresets() {
        return Stream.of(ExternalPeer.values()).flatMap(peer -> Stream.of(DeflatePreset.values())
                .filter(preset -> preset.mode() == DeflateMode.POOLED).map(preset -> Arguments.of(peer, preset)));
    }

    @ParameterizedTest(name = "{0} client → engine server, preset {1}")
    @MethodSource("peersAndPooledPresets")
    @DisplayName("RFC 7692 §7.1.1, §7.1.2: a real client against a pooled-* preset (context takeover from windows handed between pooled zlib streams) gets the preset's windows and round-trips every message")
    void peerClientAgainstPooledPreset(ExternalPeer peer, DeflatePreset preset) throws Exception {
        int bits = preset.windowBits();
        try (BlockingEchoServer server = new BlockingEchoServer(DeflateOptions.builder().preset(preset).threshold(0).build())) {
            ExternalPeer.Result result = echoEveryMessage(peer, server, bits);
            if (!FFM) {
                // java.util.zip: pooled falls back to dedicated with 15 bits, so the smaller window is declined.
                assertThat(server.compressionAccepted.get()).isFalse();
                return;
            }
            assertWindowsAgreed(peer, result, bits, bits);
            if (peer == ExternalPeer.NODE_WS) {
                assertThat(result.output()).doesNotContain("no_context_takeover");
            }
            assertThat(server.wireBytesIn.get()).isLessThan(server.payloadBytesIn.get() / 4);
        }
    }

    @ParameterizedTest(name = "engine client → {0} server, window {1}")
    @MethodSource("peersAndWindows")
    @DisplayName("RFC 7692 §7.1.2: the engine client offering window N to a real server configured with N round-trips every message")
    void engineClientAgainstPeerServer(ExternalPeer peer, int bits) throws Exception {
        Process process = peer.start("server", (FFM ? "window-" : "server-window-") + bits);
        try {
            int port = ExternalPeer.awaitPort(process);
            List<StandardMessages.Message> sent = StandardMessages.all();
            DeflateOptions.Builder options = DeflateOptions.builder().threshold(0)
                    .serverMaxWindowBits(peerCompressBits(peer, bits));
            if (FFM) {
                options.clientMaxWindowBits(bits).offerClientMaxWindowBits();
            }

            BlockingClientRun.Outcome outcome = BlockingClientRun.run(port, options.build(), sent);

            assertThat(outcome.echoes()).hasSize(sent.size());
            for (int i = 0; i < sent.size(); i++) {
                WebSocketMessage echo = outcome.echoes().get(i);
                assertThat(echo.data()).as("echo %d", i).isEqualTo(sent.get(i).payload());
            }
            assertThat(outcome.compressionAccepted()).isTrue();
            assertThat(outcome.deflate().clientMaxWindowBits()).isEqualTo(FFM ? bits : 15);
            assertThat(outcome.deflate().serverMaxWindowBits()).isEqualTo(peerCompressBits(peer, bits));
            assertThat(outcome.wireBytesIn()).isLessThan(outcome.payloadBytesIn() / 4);
            assertThat(outcome.closeCode()).isEqualTo(CloseCodes.NORMAL_CLOSURE);
        } finally {
            process.getOutputStream().close();
            process.destroy();
        }
    }
}
