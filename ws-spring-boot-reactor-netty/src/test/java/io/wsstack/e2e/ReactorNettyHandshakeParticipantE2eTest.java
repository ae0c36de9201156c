package io.wsstack.e2e;

import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsHandshakeParticipant;
import io.wsstack.spring.WsHandshakeRequest;
import io.wsstack.spring.WsSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WsHandshakeParticipant} on Reactor Netty: decisions now and {@link WsHandshakeParticipant.Outcome#deferred}
 * ones, answered as on the servlet containers (the servlet sets: AbstractHandshakeParticipantE2eTest).
 */
@SpringBootTest(classes = ReactorNettyHandshakeParticipantE2eTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReactorNettyHandshakeParticipantE2eTest {

    @LocalServerPort
    int port;

    @Test
    @DisplayName("RFC 6455 §4.2.2: a deferred acceptance upgrades once decided, with the participant's subprotocol")
    void deferredAcceptanceUpgrades() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            RawWebSocketClient.Head head = raw.request(RawWebSocketClient.upgradeRequest(port, "/decides",
                    "X-Decide: later", "Sec-WebSocket-Protocol: first, last"));
            assertThat(head.status()).isEqualTo(101);
            assertThat(head.headers()).containsEntry("sec-websocket-protocol", "last");
            raw.sendText("after a deferred decision");
            assertThat(raw.readFrame().text()).isEqualTo("last:after a deferred decision");
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.2.2: a refusal, now or deferred, is answered with its status and Connection: close")
    void refusalsAreAnswered() throws Exception {
        for (String decide : List.of("refuse", "refuse-later")) {
            try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
                RawWebSocketClient.Head head = raw.request(RawWebSocketClient.upgradeRequest(port, "/decides", "X-Decide: " + decide));
                assertThat(head.status()).as(decide).isEqualTo(409);
                assertThat(head.headers()).as(decide).containsEntry("connection", "close");
            }
        }
    }

    @Test
    @DisplayName("RFC 7231 §6.6.3: a deferred decision that fails is answered 502")
    void failedDecisionIs502() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            assertThat(raw.request(RawWebSocketClient.upgradeRequest(port, "/decides", "X-Decide: fail")).status()).isEqualTo(502);
        }
    }

    /** Accepts with the client's least preferred subprotocol, refuses 409, now or 200 ms later, as the X-Decide header says. */
    static final class Decides implements WsEndpointHandler, WsHandshakeParticipant {

        @Override
        public Outcome beforeUpgrade(WsHandshakeRequest request, WsEndpoint endpoint, List<String> requestedSubprotocols,
                                     Map<String, String> pathVariables, Map<String, Object> attributes) {
            String decide = String.valueOf(request.header("X-Decide"));
            Outcome answer = decide.startsWith("refuse") ? Outcome.refuse(409, "refused by participant")
                    : Outcome.accept(requestedSubprotocols.isEmpty() ? null : requestedSubprotocols.get(requestedSubprotocols.size() - 1));
            if (decide.equals("fail")) {
                return Outcome.deferred(CompletableFuture.supplyAsync(() -> {
                    throw new IllegalStateException("the decision failed");
                }, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)));
            }
            if (decide.endsWith("later")) {
                return Outcome.deferred(CompletableFuture.supplyAsync(() -> answer,
                        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS)));
            }
            return answer;
        }

        @Override
        public void onText(WsSession session, String text) {
            session.sendText(session.subprotocol() + ":" + text);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        WsEndpointRegistry wsEndpointRegistry() {
            return new WsEndpointRegistry(List.of(E2eEndpoints.endpoint(
                    E2eEndpoints.settings("decides", "/decides"), new Decides())));
        }

        @Bean
        SecurityWebFilterChain openChain(ServerHttpSecurity http) {
            return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .build();
        }
    }
}
