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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An endpoint contributed by a {@link WsEndpointContributor} bean (no {@code @WsHandler} methods)
 * whose handler is a {@link WsHandshakeParticipant}: it decides the upgrade and the subprotocol.
 */
@SpringBootTest(classes = HandshakeParticipantE2eTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HandshakeParticipantE2eTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName("RFC 6455 §4.2.2: the participant's refusal is the answer, with Connection: close")
    void refusalIsAnswered() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            RawWebSocketClient.Head head = raw.request(RawWebSocketClient.upgradeRequest(port, "/negotiated", "X-Refuse: yes"));
            assertThat(head.status()).isEqualTo(409);
            assertThat(head.headers()).containsEntry("connection", "close");
        }
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

    /** Accepts with the client's least preferred subprotocol; refuses with 409 when asked to. */
    static final class NegotiatingEcho implements WsEndpointHandler, WsHandshakeParticipant {

        @Override
        public Outcome beforeUpgrade(WsHandshakeRequest request, WsEndpoint endpoint, List<String> requestedSubprotocols,
                Map<String, String> pathVariables, Map<String, Object> attributes) {
            if (request.header("X-Refuse") != null) {
                return Outcome.refuse(409, "refused by participant");
            }
            return Outcome.accept(requestedSubprotocols.isEmpty() ? null : requestedSubprotocols.get(requestedSubprotocols.size() - 1));
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

        /** A servlet behind the filter, as every web application has (the container runs filters only for mapped requests). */
        @Bean
        ServletRegistrationBean<HttpServlet> fallbackServlet() {
            return new ServletRegistrationBean<>(new HttpServlet() { }, "/");
        }
    }
}
