package io.wsstack.proxy.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upstream (b), the Node {@code ws} echo server with permessage-deflate (threshold 0, so it
 * compresses every message it sends), and the Node {@code ws} client through the proxy: each hop
 * negotiates and runs its own compression (RFC 7692; extensions are hop-by-hop, RFC 6455 §9).
 */
class ProxyNodeInteropE2eTest extends AbstractProxyE2eTest {

    @Test
    @DisplayName("RFC 7692: JDK client (no compression) → proxy → compressing Node ws upstream: messages intact")
    void jdkClientToCompressingUpstream() throws Exception {
        try (JdkPeer client = JdkPeer.connect(uri("/node"))) {
            assertThat(client.ws().getSubprotocol()).isEmpty();
            client.ws().sendText("héllo wörld ✓ 𝄞", true).get(5, TimeUnit.SECONDS);
            assertThat(client.nextText()).isEqualTo("héllo wörld ✓ 𝄞");
            byte[] zeros = new byte[100_000];
            client.ws().sendBinary(ByteBuffer.wrap(zeros), true).get(5, TimeUnit.SECONDS);
            assertThat(client.nextBinary()).isEqualTo(zeros);
            String json = "{\"id\":1,\"name\":\"user\"}".repeat(500);
            client.ws().sendText(json, true).get(5, TimeUnit.SECONDS);
            assertThat(client.nextText()).isEqualTo(json);
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.1: a compressed frame from the upstream (c107f248cdc9c90700) is inflated by the upstream hop and reaches an uncompressed client as 'Hello'")
    void upstreamHopInflates() throws Exception {
        try (JdkPeer client = JdkPeer.connect(uri("/stub/deflate"))) {
            assertThat(client.nextText()).isEqualTo("Hello");
        }
    }

    @Test
    @DisplayName("RFC 7692: Node ws client → proxy → Node ws upstream, both hops compressed: the standard messages echo intact")
    void nodeClientThroughProxy() throws Exception {
        Process process = new ProcessBuilder("node", NodeUpstream.repositoryRoot().resolve("interop/node/engine-peer.js").toString(),
                "client", "ws://localhost:" + port + "/node", "takeover").redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("node client finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).startsWith("OK 8 permessage-deflate");
    }
}
