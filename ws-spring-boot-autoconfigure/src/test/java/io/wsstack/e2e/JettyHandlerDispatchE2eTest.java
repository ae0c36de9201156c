package io.wsstack.e2e;

import io.wsstack.autoconfigure.actuate.WsActuatorEndpoint;
import io.wsstack.autoconfigure.actuate.WsEndpointsDescriptor.EndpointDescriptor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On Jetty {@code handler-dispatch} does not apply: Jetty's own threads read the socket and run
 * the handlers of every endpoint, {@code event-loop} or not, and the {@code ws} Actuator endpoint
 * says so ({@code container} on the servlet upgrade, no Tomcat socket entry although Tomcat's
 * classes are on the class path).
 */
@SpringBootTest(classes = {TomcatHandlerDispatchE2eTest.App.class, JettyContainer.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.endpoints.web.exposure.include=ws",
                "ws.endpoints.loop.path=/loop", "ws.endpoints.loop.handler-dispatch=event-loop",
                "ws.endpoints.worker.path=/worker",
                "ws.endpoints.slowopen.path=/slowopen", "ws.endpoints.slowopen.handler-dispatch=event-loop"})
class JettyHandlerDispatchE2eTest {

    @LocalServerPort
    int port;

    @Autowired
    WsActuatorEndpoint endpoint;

    private String threadOf(String path) throws IOException {
        try (RawWebSocketClient raw = RawWebSocketClient.connect(port, 0)) {
            assertThat(raw.request(RawWebSocketClient.upgradeRequest(port, path)).status()).isEqualTo(101);
            assertThat(raw.readFrame().text()).isEqualTo("open 1");
            assertThat(raw.readFrame().text()).isEqualTo("open 2");
            raw.sendText("thread");
            return raw.readFrame().text();
        }
    }

    @Test
    @DisplayName("Jetty's threads run every endpoint's handlers, and the ws Actuator endpoint reports container dispatch only")
    void containerThreadsRunHandlers() throws Exception {
        // Jetty's own pool ("qtp<id>-<n>"), neither a socket loop of ours nor a handler lane.
        assertThat(threadOf("/loop")).matches("qtp\\d+-\\d+");
        assertThat(threadOf("/worker")).matches("qtp\\d+-\\d+");
        for (EndpointDescriptor descriptor : endpoint.endpoints().endpoints()) {
            assertThat(descriptor.handlerDispatch()).as(descriptor.name())
                    .containsExactly(Map.entry("servlet-upgrade", "container"));
        }
    }
}
