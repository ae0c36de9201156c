package io.wsstack.client;

import io.wsstack.core.CloseCodes;
import io.wsstack.core.ConnectionSettings;
import io.wsstack.core.WsCloseStatus;
import io.wsstack.core.deflate.DeflateResources;
import io.wsstack.core.handshake.HandshakeFailedException;
import io.wsstack.spring.WsHandler;
import io.wsstack.spring.WsHandshakeInterceptor;
import io.wsstack.spring.WsSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.wsstack.client.RecordingListener.WAIT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client against this project's own starter on Tomcat: a tiny Boot application with an echo
 * {@code @WsHandler}, compression on (the starter's default).
 */
@SpringBootTest(classes = StarterInteropTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "ws.endpoints.echo.path=/echo",
                "ws.endpoints.echo.subprotocols=chat.v1,chat.v2",
                "ws.endpoints.echo.allowed-origins=https://app.example",
                "ws.endpoints.echo.max-message-size=2MB",
                "ws.endpoints.echo.max-frame-size=2MB",
                "ws.endpoints.echo.max-send-buffer=4MB",
                "ws.endpoints.small.path=/small",
                "ws.endpoints.small.max-message-size=64KB"})
class StarterInteropTest {

    private static final int MIB = 1 << 20;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Handlers.class)
    static class App {
        /** Copies the Origin and Authorization headers the client sent into the session. */
        @Bean
        WsHandshakeInterceptor headerRecorder() {
            return (request, endpoint, pathVariables, attributes) -> {
                attributes.put("origin", String.valueOf(request.getHeader("Origin")));
                attributes.put("authorization", String.valueOf(request.getHeader("Authorization")));
                return WsHandshakeInterceptor.Decision.proceed();
            };
        }

        /**
         * The default servlet, standing in for Spring MVC's DispatcherServlet: the container runs the
         * filter chain, and so the upgrade filter, only for requests that map to some servlet.
         */
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

    @Component
    static class Handlers {
        @WsHandler("echo")
        String echo(String text, WsSession session) {
            return text.equals("headers?")
                    ? session.attributes().get("origin") + " " + session.attributes().get("authorization")
                    : text;
        }

        @WsHandler("echo")
        byte[] echoBinary(byte[] data) {
            return data;
        }

        @WsHandler("small")
        String small(String text) {
            return text;
        }
    }

    @LocalServerPort
    int port;

    private WsClient client;
    private long deflatersBefore;
    private long inflatersBefore;

    @BeforeEach
    void start() {
        deflatersBefore = DeflateResources.liveDeflaters();
        inflatersBefore = DeflateResources.liveInflaters();
        client = WsClient.builder()
                .connectionSettings(ConnectionSettings.builder().maxMessageSize(2 * MIB).maxFrameSize(2 * MIB).build())
                .maxSendBuffer(4 * MIB)
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
    }

    private URI uri(String path) {
        return URI.create("ws://localhost:" + port + path);
    }

    private WsClientSession open(String path, RecordingListener listener) throws Exception {
        return client.connect(uri(path), listener).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("RFC 6455 §5.6 / RFC 7692: text and binary messages are echoed, compressed, and 1000 closes cleanly")
    void textAndBinaryEcho() throws Exception {
        RecordingListener listener = new RecordingListener();
        WsClientSession session = open("/echo", listener);
        assertThat(session.deflate()).isNotNull();

        session.sendText("hello starter");
        session.sendBinary(new byte[] {0, 1, 2, (byte) 0xFF});
        assertThat(listener.nextText()).isEqualTo("hello starter");
        assertThat(listener.nextBinary()).containsExactly(0, 1, 2, 0xFF);

        assertThat(session.close().get(WAIT_SECONDS, TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.NORMAL_CLOSURE);
        assertThat(DeflateResources.liveDeflaters()).isEqualTo(deflatersBefore);
        assertThat(DeflateResources.liveInflaters()).isEqualTo(inflatersBefore);
    }

    @Test
    @DisplayName("RFC 7692 §7.2.1 with context takeover: four threads sending at once, every echo arrives intact")
    void concurrentSenders() throws Exception {
        RecordingListener listener = new RecordingListener();
        WsClientSession session = open("/echo", listener);
        int threads = 4;
        int perThread = 200;
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String prefix = "sender-" + t + "-";
            Thread sender = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    session.sendText(prefix + i + " " + "payload ".repeat(i % 20)).join();
                }
            });
            senders.add(sender);
            sender.start();
        }
        for (Thread sender : senders) {
            sender.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        }
        Set<String> received = new HashSet<>();
        for (int i = 0; i < threads * perThread; i++) {
            received.add(listener.nextText());
        }
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                assertThat(received).contains("sender-" + t + "-" + i + " " + "payload ".repeat(i % 20));
            }
        }
        session.close().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("RFC 6455 §5.4: a 1 MiB message sent in 16 fragments comes back whole")
    void fragmentedMebibyte() throws Exception {
        RecordingListener listener = new RecordingListener();
        WsClientSession session = open("/echo", listener);
        byte[] message = new byte[MIB];
        for (int i = 0; i < message.length; i++) {
            message[i] = (byte) (i * 31 + (i >> 12));
        }
        int piece = MIB / 16;
        for (int offset = 0; offset < MIB; offset += piece) {
            session.sendFragment(false, ByteBuffer.wrap(message, offset, piece), offset + piece == MIB)
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        assertThat(Arrays.equals(listener.nextBinary(), message)).isTrue();
        session.close().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("RFC 6455 §4.2.2: the server selects the first offered subprotocol it supports")
    void subprotocolSelection() throws Exception {
        WsClientSession session = client.connect(uri("/echo"),
                WsClientRequest.builder(new RecordingListener()).subprotocol("chat.v3").subprotocol("chat.v2").build())
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(session.subprotocol()).isEqualTo("chat.v2");
        session.close().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("RFC 6455 §4.1 items 8 and 12: Origin and Authorization headers reach the server")
    void originAndAuthorizationSent() throws Exception {
        RecordingListener listener = new RecordingListener();
        WsClientSession session = client.connect(uri("/echo"), WsClientRequest.builder(listener)
                .header("Origin", "https://app.example")
                .header("Authorization", "Bearer t0ken")
                .build()).get(WAIT_SECONDS, TimeUnit.SECONDS);
        session.sendText("headers?");
        assertThat(listener.nextText()).isEqualTo("https://app.example Bearer t0ken");
        session.close().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("RFC 6455 §4.1: a 403 refusal (foreign Origin, RFC 6455 §10.2) fails the future with status 403")
    void refusalSurfacesStatus() {
        RecordingListener listener = new RecordingListener();
        var attempt = client.connect(uri("/echo"),
                WsClientRequest.builder(listener).header("Origin", "https://evil.example").build());
        assertThatThrownBy(() -> attempt.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(HandshakeFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(HandshakeFailedException.Reason.NOT_101);
                    assertThat(e.status()).isEqualTo(403);
                });
        assertThat(listener.all).isEmpty();
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: a message over the server's limit is answered with Close 1009, surfaced as the status")
    void serverCloseCodeSurfaced() throws Exception {
        RecordingListener listener = new RecordingListener();
        WsClientSession session = open("/small", listener);
        session.sendText("x".repeat(64 * 1024 + 1));
        WsCloseStatus status = session.closeFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(status.code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
        assertThat(listener.all.get(listener.all.size() - 1).code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    }

    @Test
    @DisplayName("RFC 6455 §7.1.2: after the idle timeout the client closes with 1001 and the server echoes it")
    void idleTimeoutClosesWith1001() throws Exception {
        try (WsClient idle = WsClient.builder().idleTimeout(Duration.ofMillis(300)).build()) {
            RecordingListener listener = new RecordingListener();
            WsClientSession session = idle.connect(uri("/echo"), listener).get(WAIT_SECONDS, TimeUnit.SECONDS);
            WsCloseStatus status = session.closeFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(status.code()).isEqualTo(CloseCodes.GOING_AWAY);
            assertThat(idle.sessionCount()).isZero();
        }
    }
}
