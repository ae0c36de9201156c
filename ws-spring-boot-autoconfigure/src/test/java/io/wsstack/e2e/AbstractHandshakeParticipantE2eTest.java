package io.wsstack.e2e;

import io.wsstack.spring.PathTemplate;
import io.wsstack.spring.SendBufferOverflowPolicy;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointContributor;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsEndpointSettings;
import io.wsstack.spring.WsHandshakeParticipant;
import io.wsstack.spring.WsHandshakeRequest;
import io.wsstack.spring.WsSession;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An endpoint contributed by a {@link WsEndpointContributor} bean (no {@code @WsHandler} methods)
 * whose handler is a {@link WsHandshakeParticipant}: it decides the upgrade and the subprotocol, at
 * once or later ({@link WsHandshakeParticipant.Outcome#deferred}) without holding a container
 * thread. Subclasses pick the container and cap its request threads at a handful.
 */
abstract class AbstractHandshakeParticipantE2eTest {

    /** Decisions the test completes itself ({@code X-Decide: held}). */
    static final Queue<CompletableFuture<WsHandshakeParticipant.Outcome>> HELD = new ConcurrentLinkedQueue<>();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    /** More concurrent handshakes than the container has request threads. */
    abstract int moreThanRequestThreads();

    @AfterEach
    void releaseHeld() {
        HELD.forEach(f -> f.complete(WsHandshakeParticipant.Outcome.refuse(503, "test over")));
        HELD.clear();
    }

    @Test
    @DisplayName("RFC 6455 §4.2.2: the participant's refusal is the answer, with Connection: close")
    void refusalIsAnswered() throws Exception {
        assertThat(handshake("X-Refuse: yes").status()).isEqualTo(409);
        assertThat(handshake("X-Refuse: yes").headers()).containsEntry("connection", "close");
    }

    @Test
    @DisplayName("RFC 6455 §4.2.2: the participant chooses the subprotocol, not the endpoint's settings")
    void participantChoosesSubprotocol() throws Exception {
        try (JdkClient client = JdkClient.connect(http, URI.create("ws://localhost:" + port + "/negotiated"),
                new String[] {"first", "last"})) {
            assertThat(client.ws().getSubprotocol()).isEqualTo("last");
            client.ws().sendText("via contributed endpoint", true).get(5, TimeUnit.SECONDS);
            assertThat(client.nextText()).isEqualTo("last:via contributed endpoint");
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.2.2: a deferred acceptance upgrades when it is decided, with the participant's subprotocol")
    void deferredAcceptanceUpgrades() throws Exception {
        try (JdkClient client = JdkClient.connect(HttpClient.newBuilder().build(),
                URI.create("ws://localhost:" + port + "/negotiated?decide=later"), new String[] {"first", "last"})) {
            assertThat(client.ws().getSubprotocol()).isEqualTo("last");
            client.ws().sendText("after a deferred decision", true).get(5, TimeUnit.SECONDS);
            assertThat(client.nextText()).isEqualTo("last:after a deferred decision");
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.2.2: a deferred refusal is answered with its status and Connection: close")
    void deferredRefusalIsAnswered() throws Exception {
        RawWebSocketClient.Head head = handshake("X-Refuse: later");
        assertThat(head.status()).isEqualTo(409);
        assertThat(head.headers()).containsEntry("connection", "close");
    }

    @Test
    @DisplayName("RFC 7231 §6.6.3: a deferred decision that fails is answered 502")
    void failedDecisionIs502() throws Exception {
        assertThat(handshake("X-Refuse: fail").status()).isEqualTo(502);
    }

    @Test
    @DisplayName("Deferred decisions hold no container thread: with more pending handshakes than request threads, "
            + "plain HTTP is still answered, and every handshake completes once decided")
    void pendingDecisionsHoldNoThread() throws Exception {
        int count = moreThanRequestThreads();
        ExecutorService clients = Executors.newFixedThreadPool(count);
        List<RawWebSocketClient> raws = new ArrayList<>();
        try {
            List<Future<RawWebSocketClient.Head>> heads = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                RawWebSocketClient raw = RawWebSocketClient.connect(port, 0);
                raws.add(raw);
                heads.add(clients.submit(() -> raw.request(
                        RawWebSocketClient.upgradeRequest(port, "/negotiated", "X-Decide: held"))));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (HELD.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(HELD).as("decisions pending at once").hasSize(count);

            HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/plain"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(plain.body()).isEqualTo("served while handshakes wait");

            HELD.forEach(f -> f.complete(WsHandshakeParticipant.Outcome.accept(null)));
            for (int i = 0; i < count; i++) {
                assertThat(heads.get(i).get(10, TimeUnit.SECONDS).status()).isEqualTo(101);
                raws.get(i).sendText("held " + i);
                assertThat(new String(raws.get(i).readFrame().payload())).isEqualTo("null:held " + i);
            }
        } finally {
            clients.shutdownNow();
            for (RawWebSocketClient raw : raws) {
                raw.close();
            }
        }
    }

    private RawWebSocketClient.Head handshake(String header) throws IOException {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            return raw.request(RawWebSocketClient.upgradeRequest(port, "/negotiated", header));
        }
    }

    /**
     * Accepts with the client's least preferred subprotocol; refuses with 409 when asked to
     * ({@code X-Refuse: yes}); decides later when asked to ({@code ?decide=later}, {@code X-Refuse: later},
     * {@code X-Refuse: fail}, {@code X-Decide: held}).
     */
    static final class NegotiatingEcho implements WsEndpointHandler, WsHandshakeParticipant {

        @Override
        public Outcome beforeUpgrade(WsHandshakeRequest request, WsEndpoint endpoint, List<String> requestedSubprotocols,
                Map<String, String> pathVariables, Map<String, Object> attributes) {
            String refuse = request.header("X-Refuse");
            Outcome now = "yes".equals(refuse) || "later".equals(refuse) ? Outcome.refuse(409, "refused by participant")
                    : Outcome.accept(requestedSubprotocols.isEmpty() ? null
                            : requestedSubprotocols.get(requestedSubprotocols.size() - 1));
            if ("held".equals(request.header("X-Decide"))) {
                CompletableFuture<Outcome> decision = new CompletableFuture<>();
                HELD.add(decision);
                return Outcome.deferred(decision);
            }
            if ("fail".equals(refuse)) {
                return Outcome.deferred(CompletableFuture.supplyAsync(() -> {
                    throw new IllegalStateException("the decision failed");
                }, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)));
            }
            if ("later".equals(refuse) || "later".equals(request.queryParam("decide"))) {
                return Outcome.deferred(CompletableFuture.supplyAsync(() -> now,
                        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS)));
            }
            return now;
        }

        @Override
        public void onText(WsSession session, String text) {
            session.sendText(session.subprotocol() + ":" + text);
        }
    }

    /** No Spring Security here, whether or not it is on the test classpath: this test is about the hook alone. */
    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = {
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
    static class App {

        @Bean
        WsEndpointContributor negotiatedEndpoint() {
            WsEndpointSettings settings = new WsEndpointSettings("negotiated", "/negotiated", List.of("first"), List.of(),
                    65536, 65536, 16, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(5),
                    65536, SendBufferOverflowPolicy.CLOSE);
            return () -> List.of(new WsEndpoint(settings, PathTemplate.parse("/negotiated"), new NegotiatingEcho()));
        }

        /** A servlet behind the filter, as every web application has; answers plain GETs of /plain. */
        @Bean
        ServletRegistrationBean<HttpServlet> fallbackServlet() {
            return new ServletRegistrationBean<>(new HttpServlet() {
                @Override
                protected void doGet(jakarta.servlet.http.HttpServletRequest req, HttpServletResponse resp)
                        throws IOException {
                    resp.setContentType("text/plain");
                    resp.getWriter().print("served while handshakes wait");
                }
            }, "/");
        }
    }
}
