package io.wsstack.e2e;

import io.wsstack.spring.servlet.TomcatSocketTakeover;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.net.ssl.SSLSocket;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where Tomcat's socket is not taken over, connections use the servlet upgrade, as before the
 * takeover existed: when {@code ws.tomcat.socket-takeover=false}, and on a TLS connector. The
 * behaviour shows it: handlers run on Tomcat's worker threads (with the takeover they never do).
 */
class TomcatTakeoverFallbackE2eTest {

    private static String ask(RawWebSocketClient raw, String text) throws IOException {
        raw.sendText(text);
        return raw.readFrame().text();
    }

    @Nested
    @SpringBootTest(classes = {TakeoverApplication.class, TomcatContainer.class},
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "ws.tomcat.socket-takeover=false")
    class SwitchedOff {

        @LocalServerPort
        int port;

        @Autowired
        ApplicationContext context;

        @Test
        @DisplayName("ws.tomcat.socket-takeover=false: no takeover, handlers on Tomcat's workers, early frames still read")
        void servletUpgradeServes() throws Exception {
            assertThat(context.getBeansOfType(TomcatSocketTakeover.class)).isEmpty();
            try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
                RawWebSocketClient.Head head = raw.requestWithFrame(RawWebSocketClient.upgradeRequest(port, "/block"), "early");
                assertThat(head.status()).isEqualTo(101);
                assertThat(raw.readFrame().text()).isEqualTo("early");
                assertThat(ask(raw, "thread")).startsWith("http-nio-");
            }
        }
    }

    @Nested
    @SpringBootTest(classes = {TakeoverApplication.class, TomcatContainer.class},
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    @ExtendWith(OutputCaptureExtension.class)
    class OverTls {

        @LocalServerPort
        int port;

        @Autowired
        ApplicationContext context;

        @DynamicPropertySource
        static void tls(DynamicPropertyRegistry registry) throws Exception {
            TestTls.serveOverTls(registry);
        }

        @Test
        @DisplayName("a TLS connector keeps the servlet upgrade (the takeover is on, and declines): echo works, handlers on Tomcat's workers, an event-loop endpoint's too, said once")
        void tlsUsesServletUpgrade(CapturedOutput output) throws Exception {
            assertThat(context.getBeansOfType(TomcatSocketTakeover.class)).hasSize(1);
            for (String path : new String[] {"/block", "/where", "/where"}) {
                SSLSocket socket = (SSLSocket) TestTls.trustAll().getSocketFactory().createSocket("localhost", port);
                socket.startHandshake();
                try (RawWebSocketClient raw = RawWebSocketClient.over(socket)) {
                    assertThat(raw.request(RawWebSocketClient.upgradeRequest(port, path)).status()).isEqualTo(101);
                    assertThat(ask(raw, "over tls")).isEqualTo("over tls");
                    assertThat(ask(raw, "thread")).matches("https?-[a-z]+-nio-.*-exec-\\d+");
                }
            }
            String said = "(handler-dispatch=event-loop) run on the container's threads there";
            assertThat(output.getOut()).containsOnlyOnce(said);
        }
    }
}
