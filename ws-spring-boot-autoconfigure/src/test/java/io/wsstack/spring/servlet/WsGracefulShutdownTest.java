package io.wsstack.spring.servlet;

import io.wsstack.core.WsCloseStatus;
import io.wsstack.spring.PathTemplate;
import io.wsstack.spring.SendBufferOverflowPolicy;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsEndpointSettings;
import io.wsstack.spring.WsSessionRegistry;
import io.wsstack.spring.WsSessionRegistryTest;
import io.wsstack.spring.transport.FrameSharing;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class WsGracefulShutdownTest {

    @Test
    @DisplayName("RFC 6455 §7.4.1: on shutdown every open session is closed with 1001 (going away)")
    void closesEverySessionWithGoingAway() {
        WsEndpointSettings settings = new WsEndpointSettings("chat", "/chat", List.of(), List.of(), 1024, 1024, 16,
                Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), Duration.ofMillis(100), 1024, SendBufferOverflowPolicy.CLOSE);
        WsEndpointRegistry endpoints = new WsEndpointRegistry(List.of(
                new WsEndpoint(settings, PathTemplate.parse("/chat"), new WsEndpointHandler() { })));
        WsSessionRegistry sessions = new WsSessionRegistry();
        List<WsCloseStatus> closes = new ArrayList<>();
        sessions.add(new WsSessionRegistryTest.FakeSession("a", "chat", FrameSharing.PLAIN) {
            @Override
            public CompletableFuture<Void> close(WsCloseStatus status) {
                closes.add(status);
                return CompletableFuture.completedFuture(null);
            }
        });
        WsGracefulShutdown shutdown = new WsGracefulShutdown(sessions, endpoints);
        shutdown.start();
        shutdown.stop();
        assertThat(closes).containsExactly(WsCloseStatus.GOING_AWAY);
        assertThat(shutdown.isRunning()).isFalse();
    }
}
