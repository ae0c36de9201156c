package io.wsstack.proxy.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: the proxy's upstream leg does not hold a container thread while it connects. Tomcat
 * gets 4 request threads; 8 clients wait at once for an upstream that answers only when told to.
 */
@TestPropertySource(properties = {"server.tomcat.threads.max=4", "server.tomcat.threads.min-spare=1"})
class ProxyUpstreamConnectE2eTest extends AbstractProxyE2eTest {

    private static final int CLIENTS = 8;

    /** Room for a loaded machine: the upstream answers when the test says so, well within this. */
    @DynamicPropertySource
    static void slowUpstreamDeadline(DynamicPropertyRegistry registry) {
        registry.add("ws.defaults.handshake-timeout", () -> "20s");
    }

    @Test
    @DisplayName("RFC 6455 §4.1: while more upstream handshakes are pending than the container has threads, "
            + "plain HTTP is still served; each client gets its 101 when its upstream answers")
    void pendingUpstreamsHoldNoContainerThread() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<RawPeer> peers = new ArrayList<>();
        try {
            List<Future<RawPeer.Head>> heads = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                RawPeer peer = RawPeer.connect(port, 0);
                peers.add(peer);
                String head = RawPeer.upgrade("GET", port, "/stub/slow-" + i, RawPeer.valid());
                heads.add(clients.submit(() -> peer.request(head)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (STUB.slowWaiting() < CLIENTS && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(STUB.slowWaiting()).as("upstream handshakes pending at once").isEqualTo(CLIENTS);

            HttpResponse<String> plain = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/plain")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).as("a plain request answered by the application's servlet").isEqualTo(405);

            STUB.answerSlow();
            for (Future<RawPeer.Head> head : heads) {
                assertThat(head.get(15, TimeUnit.SECONDS).status()).isEqualTo(101);
            }
        } finally {
            STUB.answerSlow();
            clients.shutdownNow();
            for (RawPeer peer : peers) {
                peer.close();
            }
        }
    }
}
