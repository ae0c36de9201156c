package io.wsstack.client;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.core.deflate.DeflateResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client against real servers in other languages over loopback — Node's {@code ws} and Python's
 * {@code websockets} — with permessage-deflate negotiated with and without context takeover.
 */
class ExternalServerInteropTest {

    private long deflatersBefore;
    private long inflatersBefore;
    private WsClient client;

    @BeforeEach
    void baseline() {
        deflatersBefore = DeflateResources.liveDeflaters();
        inflatersBefore = DeflateResources.liveInflaters();
        client = WsClient.builder().maxSendBuffer(8 << 20).build();
    }

    @AfterEach
    void release() {
        client.close();
    }

    static Stream<Arguments> servers() {
        return Stream.of(
                Arguments.of(ExternalServer.Kind.NODE_WS, "takeover"),
                Arguments.of(ExternalServer.Kind.NODE_WS, "no-takeover"),
                Arguments.of(ExternalServer.Kind.PYTHON_WEBSOCKETS, "takeover"),
                Arguments.of(ExternalServer.Kind.PYTHON_WEBSOCKETS, "no-takeover"));
    }

    @ParameterizedTest(name = "RFC 7692 §7 / RFC 6455 §7.1.2: {0} server, {1}: compressed echo, then 1000")
    @MethodSource("servers")
    void rfc7692EchoesEveryMessageCompressedThenClosesWith1000(ExternalServer.Kind kind, String mode) throws Exception {
        try (ExternalServer server = ExternalServer.start(kind, mode)) {
            RecordingListener listener = new RecordingListener();
            WsClientSession session = client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"), listener)
                    .get(RecordingListener.WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(session.deflate()).as("permessage-deflate negotiated (RFC 7692 §5)").isNotNull();
            assertThat(session.deflate().serverNoContextTakeover()).isEqualTo(mode.equals("no-takeover"));

            List<Object> messages = standardMessages();
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            for (Object m : messages) {
                sends.add(m instanceof String s ? session.sendText(s) : session.sendBinary((byte[]) m));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(RecordingListener.WAIT_SECONDS, TimeUnit.SECONDS);
            for (Object m : messages) {
                if (m instanceof String s) {
                    assertThat(listener.nextText()).isEqualTo(s);
                } else {
                    assertThat(listener.nextBinary()).isEqualTo((byte[]) m);
                }
            }

            WsCloseStatus status = session.close(CloseCodes.NORMAL_CLOSURE, "done")
                    .get(RecordingListener.WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(status.code()).as("RFC 6455 §7.1.2: the server echoes our 1000").isEqualTo(1000);
            assertThat(listener.kinds()).first().isEqualTo("open");
            assertThat(listener.kinds()).last().isEqualTo("close");
            assertThat(listener.errors).isEmpty();
        }
        assertThat(client.sessionCount()).isZero();
        assertThat(DeflateResources.liveDeflaters()).isEqualTo(deflatersBefore);
        assertThat(DeflateResources.liveInflaters()).isEqualTo(inflatersBefore);
    }

    /** Small, compressible, Unicode, empty, binary, incompressible and one 1 MiB message. */
    static List<Object> standardMessages() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 400; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"user-").append(i).append("\"}");
        }
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        byte[] noise = new byte[5000];
        new Random(42).nextBytes(noise);
        byte[] mebibyte = new byte[1 << 20];
        Arrays.fill(mebibyte, (byte) 'w');
        return List.of("Hello", json.append(']').toString(), "héllo wörld ✓ 𝄞", "", all, new byte[100_000], noise,
                new String(mebibyte, StandardCharsets.US_ASCII), "Hello");
    }
}
