package io.wsstack.proxy.e2e;

import io.wsstack.core.WsCloseStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages and closes relayed both ways, per hop, between real clients and real upstreams. */
class ProxyRelayE2eTest extends AbstractProxyE2eTest {

    // ---- messages ---------------------------------------------------------------------------------

    @Test
    @DisplayName("RFC 6455 §5.6: a text message goes to the upstream and its echo comes back; path variables reach the upstream URI")
    void textRelayed() throws Exception {
        try (JdkPeer client = JdkPeer.connect(uri("/echo/blue"))) {
            client.ws().sendText("hello through the proxy", true).get(5, TimeUnit.SECONDS);
            assertThat(client.nextText()).isEqualTo("hello through the proxy");
            client.ws().sendText("room?", true).get(5, TimeUnit.SECONDS);
            assertThat(client.nextText()).isEqualTo("blue");
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.1: a wss:// upstream verified through the route's SSL bundle relays like any other")
    void tlsUpstream() throws Exception {
        try (JdkPeer client = JdkPeer.connect(uri("/secure/vault"), "chat.v2")) {
            assertThat(client.ws().getSubprotocol()).isEqualTo("chat.v2");
            client.ws().sendText("room?", true).get(5, TimeUnit.SECONDS);
            assertThat(client.nextText()).isEqualTo("vault");
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.6: a binary message is relayed both ways unchanged")
    void binaryRelayed() throws Exception {
        try (JdkPeer client = JdkPeer.connect(uri("/echo/bin"))) {
            byte[] data = {0, 1, 2, (byte) 0xFF, 127};
            client.ws().sendBinary(ByteBuffer.wrap(data), true).get(5, TimeUnit.SECONDS);
            assertThat(client.nextBinary()).containsExactly(data);
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.4: a large message sent in fragments is reassembled per hop and arrives whole")
    void fragmentedLargeMessage() throws Exception {
        byte[] whole = new byte[600_000];
        for (int i = 0; i < whole.length; i++) {
            whole[i] = (byte) (i * 31);
        }
        try (JdkPeer client = JdkPeer.connect(uri("/echo/big"))) {
            for (int offset = 0; offset < whole.length; offset += 100_000) {
                client.ws().sendBinary(ByteBuffer.wrap(whole, offset, 100_000), offset + 100_000 == whole.length)
                        .get(5, TimeUnit.SECONDS);
            }
            assertThat(client.nextBinary()).isEqualTo(whole);
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.4: messages keep their order across both hops")
    void orderKept() throws Exception {
        try (JdkPeer client = JdkPeer.connect(uri("/echo/order"))) {
            for (int i = 0; i < 200; i++) {
                client.ws().sendText("m" + i, true).get(5, TimeUnit.SECONDS);
            }
            for (int i = 0; i < 200; i++) {
                assertThat(client.nextText()).isEqualTo("m" + i);
            }
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.4: 20 sessions at once each get their own messages back, in order")
    void concurrentSessionsStayApart() throws Exception {
        java.util.List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            for (int s = 0; s < 20; s++) {
                String room = "room" + s;
                runs.add(pool.submit(() -> {
                    try (JdkPeer client = JdkPeer.connect(uri("/echo/" + room))) {
                        for (int i = 0; i < 50; i++) {
                            client.ws().sendText(room + ":" + i, true).get(5, TimeUnit.SECONDS);
                        }
                        for (int i = 0; i < 50; i++) {
                            assertThat(client.nextText()).isEqualTo(room + ":" + i);
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> run : runs) {
                run.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.5.2: the client's ping is answered by the proxy's hop with the same payload")
    void pingAnsweredPerHop() throws Exception {
        try (JdkPeer client = JdkPeer.connect(uri("/echo/ping"))) {
            client.ws().sendPing(ByteBuffer.wrap("tick".getBytes(StandardCharsets.UTF_8))).get(5, TimeUnit.SECONDS);
            assertThat(StandardCharsets.UTF_8.decode(client.nextPong()).toString()).isEqualTo("tick");
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.5.3: the upstream's ping is answered by the proxy's hop with a masked pong of the same payload")
    void upstreamPingAnsweredPerHop() throws Exception {
        try (JdkPeer client = JdkPeer.connect(uri("/stub/pingpong"))) {
            assertThat(client.nextText()).isEqualTo("pong ok");
        }
    }

    // ---- closing ------------------------------------------------------------------------------------

    @Test
    @DisplayName("RFC 6455 §7.4: the upstream's close code and reason reach the client unchanged (4001)")
    void upstreamCloseCodeRelayed() throws Exception {
        try (JdkPeer client = JdkPeer.connect(uri("/echo/closing"))) {
            client.ws().sendText("close:4001", true).get(5, TimeUnit.SECONDS);
            assertThat(client.closeCode()).isEqualTo(4001);
            assertThat(client.closeReason()).isEqualTo("bye");
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.4: a raw upstream's Close 4002 reaches the client as 4002")
    void stubCloseCodeRelayed() throws Exception {
        try (JdkPeer client = JdkPeer.connect(uri("/stub/close4002"))) {
            assertThat(client.closeCode()).isEqualTo(4002);
            assertThat(client.closeReason()).isEqualTo("done");
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: an upstream TCP reset mid-stream → what arrived is delivered, then 1011")
    void upstreamDropGives1011() throws Exception {
        try (JdkPeer client = JdkPeer.connect(uri("/stub/drop"))) {
            assertThat(client.nextText()).isEqualTo("bye soon");
            assertThat(client.closeCode()).isEqualTo(1011);
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: an upstream that breaks the protocol (masked server frame) → 1014 bad gateway")
    void upstreamProtocolErrorGives1014() throws Exception {
        try (JdkPeer client = JdkPeer.connect(uri("/stub/badframe"))) {
            assertThat(client.closeCode()).isEqualTo(1014);
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.4: the client's close code (4003) reaches the upstream")
    void clientCloseCodeRelayed() throws Exception {
        JdkPeer client = JdkPeer.connect(uri("/echo/leaving"));
        client.ws().sendText("room?", true).get(5, TimeUnit.SECONDS);
        assertThat(client.nextText()).isEqualTo("leaving");
        client.ws().sendClose(4003, "done here").get(5, TimeUnit.SECONDS);
        assertThat(client.closeCode()).isEqualTo(4003);
        WsCloseStatus seen = EchoUpstream.closeOf("leaving");
        assertThat(seen.code()).isEqualTo(4003);
        assertThat(seen.reason()).isEqualTo("done here");
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: a client lost without a Close → the upstream is closed with 1001")
    void lostClientGives1001Upstream() throws Exception {
        RawPeer raw = RawPeer.connect(port, 0);
        assertThat(raw.request(RawPeer.upgrade("GET", port, "/echo/vanishing", RawPeer.valid())).status()).isEqualTo(101);
        raw.sendFrame(0x1, "room?".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(raw.readFrame().payload(), StandardCharsets.UTF_8)).isEqualTo("vanishing");
        raw.reset();
        assertThat(EchoUpstream.closeOf("vanishing").code()).isEqualTo(1001);
    }
}
