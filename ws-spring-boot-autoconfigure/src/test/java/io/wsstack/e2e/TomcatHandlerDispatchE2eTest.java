package io.wsstack.e2e;

import io.wsstack.spring.servlet.TomcatSocketTakeover;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ws.endpoints.<name>.handler-dispatch} on Tomcat's taken-over sockets, shown by the thread
 * a handler runs on: {@code loop} (event-loop) and {@code alias} (named by the deprecated
 * {@code ws.tomcat.event-loop-endpoints}) run on the socket loop, {@code worker} (the default) off
 * it. And {@code onOpen}, which runs on Tomcat's thread before the socket is handed to the loop:
 * it finishes before the first message is handled and what it sends goes out first, even when the
 * client's first frame came in the packet of the upgrade request; while one blocks, the loop
 * serves its other sockets.
 */
@SpringBootTest(classes = {TomcatHandlerDispatchE2eTest.App.class, TomcatContainer.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ws.tomcat.socket-threads=1",
                "ws.endpoints.loop.path=/loop", "ws.endpoints.loop.handler-dispatch=event-loop",
                "ws.endpoints.alias.path=/alias", "ws.tomcat.event-loop-endpoints=alias",
                "ws.endpoints.worker.path=/worker",
                "ws.endpoints.slowopen.path=/slowopen", "ws.endpoints.slowopen.handler-dispatch=event-loop"})
class TomcatHandlerDispatchE2eTest {

    @LocalServerPort
    int port;

    @Autowired
    TomcatSocketTakeover takeover;

    private RawWebSocketClient open(String path) throws IOException {
        RawWebSocketClient raw = RawWebSocketClient.connect(port, 0);
        assertThat(raw.request(RawWebSocketClient.upgradeRequest(port, path)).status()).isEqualTo(101);
        return raw;
    }

    private static String ask(RawWebSocketClient raw, String text) throws IOException {
        raw.sendText(text);
        return raw.readFrame().text();
    }

    /** Reads onOpen's two messages. */
    private static void readOpening(RawWebSocketClient raw) throws IOException {
        assertThat(raw.readFrame().text()).isEqualTo("open 1");
        assertThat(raw.readFrame().text()).isEqualTo("open 2");
    }

    @Test
    @DisplayName("handler-dispatch=event-loop runs one endpoint's handlers on the socket loop, the default endpoint's off it")
    void dispatchIsPerEndpoint() throws Exception {
        assertThat(takeover.eventLoopEndpoints()).containsExactlyInAnyOrder("loop", "alias", "slowopen");
        try (RawWebSocketClient loop = open("/loop"); RawWebSocketClient alias = open("/alias");
             RawWebSocketClient worker = open("/worker")) {
            readOpening(loop);
            readOpening(alias);
            readOpening(worker);
            assertThat(ask(loop, "thread")).isEqualTo("ws-tomcat-loop-1");
            assertThat(ask(alias, "thread")).as("deprecated ws.tomcat.event-loop-endpoints").isEqualTo("ws-tomcat-loop-1");
            assertThat(ask(worker, "thread")).doesNotStartWith("ws-tomcat-loop").doesNotStartWith("http-nio");
        }
    }

    @Test
    @DisplayName("onOpen finishes before the first message is handled and its sends precede the echoes, on the loop and off it")
    void onOpenPrecedesFirstMessage() throws Exception {
        for (String path : new String[] {"/loop", "/worker"}) {
            try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
                // The first frame travels in the packet of the upgrade request; the second right after the 101.
                assertThat(raw.requestWithFrame(RawWebSocketClient.upgradeRequest(port, path), "first").status())
                        .isEqualTo(101);
                raw.sendText("second");
                readOpening(raw);
                assertThat(raw.readFrame().text()).as(path).isEqualTo("first after open: true");
                assertThat(raw.readFrame().text()).as(path).isEqualTo("second after open: true");
            }
        }
    }

    @Test
    @DisplayName("an onOpen that blocks holds Tomcat's thread, not the socket loop: the loop's other sessions go on")
    void blockingOnOpenDoesNotStallTheLoop() throws Exception {
        DispatchProbes.openGate = new CountDownLatch(1);
        try (RawWebSocketClient slow = open("/slowopen"); RawWebSocketClient loop = open("/loop")) {
            slow.sendText("early");
            readOpening(loop);
            assertThat(ask(loop, "meanwhile")).isEqualTo("meanwhile after open: true");
            DispatchProbes.openGate.countDown();
            assertThat(slow.readFrame().text()).isEqualTo("opened late");
            assertThat(slow.readFrame().text()).isEqualTo("early after open: true");
        } finally {
            DispatchProbes.openGate.countDown();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(DispatchProbes.class)
    static class App {

        @Bean
        SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .build();
        }

        /** The default servlet: the container runs the filter chain only for requests mapped to a servlet. */
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
}
