package io.wsstack.e2e;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ws.endpoints.<name>.handler-dispatch} on Reactor Netty, shown by the thread a handler
 * runs on: {@code loop} (event-loop) and {@code alias} (named by the deprecated
 * {@code ws.reactor-netty.event-loop-endpoints}) run on Netty's event loop, {@code worker} (the
 * default) off it. {@code onOpen} runs in the session's order on either: it finishes before the
 * first message is handled and what it sends goes out first; off the loop (the default), one that
 * blocks stalls only its own session.
 */
@SpringBootTest(classes = ReactorNettyHandlerDispatchE2eTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ws.endpoints.loop.path=/loop", "ws.endpoints.loop.handler-dispatch=event-loop",
                "ws.endpoints.alias.path=/alias", "ws.reactor-netty.event-loop-endpoints=alias",
                "ws.endpoints.worker.path=/worker", "ws.endpoints.slowopen.path=/slowopen"})
class ReactorNettyHandlerDispatchE2eTest {

    /** Netty's event-loop threads as Boot's Reactor Netty server names them ("webflux-http-epoll-2", "reactor-http-nio-1"). */
    private static final String EVENT_LOOP = "(webflux|reactor)-http-[a-z_]+-\\d+";

    @LocalServerPort
    int port;

    private RawWebSocketClient open(String path) throws IOException {
        RawWebSocketClient raw = RawWebSocketClient.connect(port, 0);
        assertThat(raw.request(RawWebSocketClient.upgradeRequest(port, path)).status()).isEqualTo(101);
        return raw;
    }

    private static String ask(RawWebSocketClient raw, String text) throws IOException {
        raw.sendText(text);
        return raw.readFrame().text();
    }

    private static void readOpening(RawWebSocketClient raw) throws IOException {
        assertThat(raw.readFrame().text()).isEqualTo("open 1");
        assertThat(raw.readFrame().text()).isEqualTo("open 2");
    }

    @Test
    @DisplayName("handler-dispatch=event-loop runs one endpoint's handlers on Netty's event loop, the default endpoint's off it")
    void dispatchIsPerEndpoint() throws Exception {
        try (RawWebSocketClient loop = open("/loop"); RawWebSocketClient alias = open("/alias");
             RawWebSocketClient worker = open("/worker")) {
            readOpening(loop);
            readOpening(alias);
            readOpening(worker);
            assertThat(ask(loop, "thread")).matches(EVENT_LOOP);
            assertThat(ask(alias, "thread")).as("deprecated ws.reactor-netty.event-loop-endpoints").matches(EVENT_LOOP);
            assertThat(ask(worker, "thread")).doesNotMatch(EVENT_LOOP).doesNotContain("-http-");
        }
    }

    @Test
    @DisplayName("onOpen finishes before the first message is handled and its sends precede the echoes, on the loop and off it")
    void onOpenPrecedesFirstMessage() throws Exception {
        for (String path : new String[] {"/loop", "/worker"}) {
            try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
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
    @DisplayName("an onOpen that blocks off the event loop (the default) stalls only its own session")
    void blockingOnOpenStallsOnlyItsSession() throws Exception {
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
        SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
            return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .build();
        }
    }
}
