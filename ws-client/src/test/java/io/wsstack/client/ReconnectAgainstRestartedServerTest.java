package io.wsstack.client;

import io.wsstack.core.handshake.HandshakeFailedException;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.WsHandler;
import io.wsstack.spring.WsHandshakeInterceptor;
import io.wsstack.spring.WsSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.wsstack.client.RecordingListener.WAIT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A {@link ReconnectingSession} against this project's starter on Tomcat, a real server that the test
 * stops and starts again on the same port: the client backs off while it is down, comes back, and its
 * {@code onOpen} hook subscribes again; a 1008 close or a 403 refusal ends the conversation for good.
 */
class ReconnectAgainstRestartedServerTest {

    /** What every server instance received, in order, across restarts. */
    static final BlockingQueue<String> RECEIVED = new LinkedBlockingQueue<>();
    static final AtomicInteger UPGRADE_REQUESTS = new AtomicInteger();

    private static int port;
    private static ConfigurableApplicationContext server;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        /** Counts upgrade requests and refuses those with a wrong token, as an authenticating service would. */
        @Bean
        WsHandshakeInterceptor tokenCheck() {
            return (request, endpoint, pathVariables, attributes) -> {
                UPGRADE_REQUESTS.incrementAndGet();
                return "bad".equals(request.getHeader("X-Token"))
                        ? WsHandshakeInterceptor.Decision.refuse(403, "bad token")
                        : WsHandshakeInterceptor.Decision.proceed();
            };
        }

        @Bean
        Feed feed() {
            return new Feed();
        }

        @Bean
        ServletRegistrationBean<HttpServlet> fallbackServlet() {
            return new ServletRegistrationBean<>(new HttpServlet() {
                @Override
                protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                    resp.sendError(HttpServletResponse.SC_NOT_FOUND);
                }
            }, "/");
        }
    }

    /** Confirms subscriptions, echoes other text, and closes with 1008 when told "kick". */
    static class Feed {
        @WsHandler("feed")
        String onText(String text, WsSession session) {
            RECEIVED.add(text);
            if (text.equals("kick")) {
                session.close(new WsCloseStatus(1008, "kicked"));
                return null;
            }
            return text.startsWith("subscribe:") ? "subscribed:" + text.substring(10) : "got:" + text;
        }
    }

    @BeforeAll
    static void startServer() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        server = start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(App.class).properties(
                "server.port=" + port, "server.address=127.0.0.1", "ws.endpoints.feed.path=/feed",
                "spring.main.banner-mode=off", "logging.level.root=WARN").run();
    }

    private static URI uri() {
        return URI.create("ws://127.0.0.1:" + port + "/feed");
    }

    /** Records texts and the reconnect decisions; its onOpen is the resubscribe hook. */
    static final class Subscriber implements ReconnectListener {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final List<Duration> delays = new CopyOnWriteArrayList<>();
        final List<Integer> attempts = new CopyOnWriteArrayList<>();
        final List<Disconnect> gaveUp = new CopyOnWriteArrayList<>();
        final AtomicInteger opens = new AtomicInteger();

        @Override
        public void onOpen(WsClientSession session) {
            opens.incrementAndGet();
            session.sendText("subscribe:prices");
        }

        @Override
        public void onText(WsClientSession session, String text) {
            texts.add(text);
        }

        @Override
        public void onReconnectScheduled(Disconnect cause, int attempt, Duration delay) {
            attempts.add(attempt);
            delays.add(delay);
        }

        @Override
        public void onGaveUp(Disconnect cause) {
            gaveUp.add(cause);
        }

        String nextText() throws InterruptedException {
            String text = texts.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(text).as("a text message within %s s", WAIT_SECONDS).isNotNull();
            return text;
        }
    }

    @Test
    @DisplayName("server stopped and restarted: backoff while down, reconnect, hook resubscribes, kept sends follow it")
    void reconnectsAfterRestart() throws Exception {
        ReconnectPolicy policy = ReconnectPolicy.builder().initialDelay(Duration.ofMillis(100))
                .maxDelay(Duration.ofMillis(400)).queueWhileDisconnected(1024).build();
        Subscriber subscriber = new Subscriber();
        try (WsClient client = WsClient.builder().build()) {
            ReconnectingSession session = client.connect(uri(), WsClientRequest.of(subscriber), policy);
            session.firstOpen().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(subscriber.nextText()).isEqualTo("subscribed:prices");
            RECEIVED.clear();

            server.close(); // graceful shutdown: the session is closed with 1001 (going away)
            // Three failed attempts in a row (numbers k, k+1, k+2) show the server is down and the backoff
            // growing. (An attempt may still get in while the old server shuts down; it counts from 1 again.)
            waitUntil(() -> growingRun(subscriber.attempts), "three consecutive failed reconnect attempts");
            assertThat(session.isConnected()).isFalse();
            subscriber.texts.clear();
            RECEIVED.clear();
            int opensBefore = subscriber.opens.get();
            int connectsBefore = session.connectCount();
            CompletableFutureAssert.pending(session.sendText("sent while away"));

            server = start();
            waitUntil(() -> session.connectCount() == connectsBefore + 1, "the session to reconnect");

            assertThat(subscriber.opens).hasValue(opensBefore + 1);
            assertThat(subscriber.nextText()).isEqualTo("subscribed:prices");
            assertThat(subscriber.nextText()).isEqualTo("got:sent while away");
            // The resubscription reached the new server before the message kept while disconnected.
            assertThat(RECEIVED.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("subscribe:prices");
            assertThat(RECEIVED.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("sent while away");

            // Each delay stays within the bound of its attempt number: min(400, 100 × 2^(n-1)) ms.
            for (int i = 0; i < subscriber.attempts.size(); i++) {
                int attempt = subscriber.attempts.get(i);
                long bound = Math.min(400, 100L << Math.min(attempt - 1, 10));
                assertThat(subscriber.delays.get(i)).isLessThanOrEqualTo(Duration.ofMillis(bound));
            }

            assertThat(session.close().get(WAIT_SECONDS, TimeUnit.SECONDS).code()).isEqualTo(1000);
            assertThat(subscriber.gaveUp).isEmpty();
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: after a 1008 (policy violation) close the client does not reconnect")
    void noReconnectAfterPolicyViolation() throws Exception {
        Subscriber subscriber = new Subscriber();
        ReconnectPolicy policy = ReconnectPolicy.builder().initialDelay(Duration.ofMillis(50)).maxDelay(Duration.ofMillis(50)).build();
        try (WsClient client = WsClient.builder().build()) {
            ReconnectingSession session = client.connect(uri(), WsClientRequest.of(subscriber), policy);
            session.firstOpen().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(subscriber.nextText()).isEqualTo("subscribed:prices");
            int upgrades = UPGRADE_REQUESTS.get();

            session.sendText("kick");
            WsCloseStatus status = session.closeFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(status.code()).isEqualTo(1008);
            assertThat(status.reason()).isEqualTo("kicked");
            Thread.sleep(300); // six times the longest delay: a reconnect would have happened by now
            assertThat(UPGRADE_REQUESTS.get()).isEqualTo(upgrades);
            assertThat(session.connectCount()).isEqualTo(1);
            assertThat(subscriber.attempts).isEmpty();
            assertThat(subscriber.gaveUp).singleElement().satisfies(d -> assertThat(d.closeCode()).isEqualTo(1008));
            assertThatThrownBy(() -> session.sendText("after").get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.1: a 403 answer to the upgrade is not retried; firstOpen fails with the status")
    void noReconnectAfterForbidden() throws Exception {
        Subscriber subscriber = new Subscriber();
        ReconnectPolicy policy = ReconnectPolicy.builder().initialDelay(Duration.ofMillis(50)).maxDelay(Duration.ofMillis(50)).build();
        try (WsClient client = WsClient.builder().build()) {
            int upgrades = UPGRADE_REQUESTS.get();
            ReconnectingSession session = client.connect(uri(),
                    WsClientRequest.builder(subscriber).header("X-Token", "bad").build(), policy);
            assertThatThrownBy(() -> session.firstOpen().get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(HandshakeFailedException.class, e -> assertThat(e.status()).isEqualTo(403));
            assertThat(session.closeFuture().get(WAIT_SECONDS, TimeUnit.SECONDS).code()).isEqualTo(1006);
            Thread.sleep(300);
            assertThat(UPGRADE_REQUESTS.get()).isEqualTo(upgrades + 1);
            assertThat(subscriber.gaveUp).singleElement().satisfies(d -> assertThat(d.handshakeStatus()).isEqualTo(403));
            assertThat(subscriber.opens).hasValue(0);
        }
    }

    /** Whether the last three scheduled attempt numbers are consecutive: three failures in a row. */
    private static boolean growingRun(List<Integer> attempts) {
        int n = attempts.size();
        return n >= 3 && attempts.get(n - 2) == attempts.get(n - 3) + 1 && attempts.get(n - 1) == attempts.get(n - 2) + 1;
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** A send kept while disconnected has not completed yet. */
    static final class CompletableFutureAssert {
        static void pending(java.util.concurrent.CompletableFuture<Void> send) {
            assertThat(send).isNotDone();
        }
    }
}
