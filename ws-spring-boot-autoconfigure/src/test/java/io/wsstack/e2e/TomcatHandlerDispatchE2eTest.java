package io.wsstack.e2e;

import io.wsstack.autoconfigure.actuate.WsActuatorEndpoint;
import io.wsstack.autoconfigure.actuate.WsEndpointsDescriptor.EndpointDescriptor;
import io.wsstack.spring.servlet.TomcatSocketTakeover;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler-dispatch set on Tomcat's taken-over sockets: {@code slowopen} is an event-loop endpoint, whose {@code onOpen} runs
 * on Tomcat's request thread before the socket is handed to the loop, so blocking in it holds a
 * Tomcat thread, not the one socket loop.
 */
@SpringBootTest(classes = {TomcatHandlerDispatchE2eTest.App.class, TomcatContainer.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ws.tomcat.socket-threads=1", "management.endpoints.web.exposure.include=ws",
                "ws.endpoints.loop.path=/loop", "ws.endpoints.loop.handler-dispatch=event-loop",
                "ws.endpoints.worker.path=/worker",
                "ws.endpoints.slowopen.path=/slowopen", "ws.endpoints.slowopen.handler-dispatch=event-loop"})
class TomcatHandlerDispatchE2eTest extends AbstractHandlerDispatchE2eTest {

    @Autowired
    TomcatSocketTakeover takeover;

    @Autowired
    WsActuatorEndpoint endpoint;

    @Override
    String eventLoopThread() {
        return "ws-tomcat-loop-1";
    }

    /** A worker endpoint's quick handler runs on the loop after its read pass; never on Tomcat's request threads. */
    @Override
    void assertWorkerThread(String thread) {
        assertThat(thread).doesNotContain("-nio-");
    }

    @Test
    @DisplayName("the takeover's event-loop endpoints are those whose handler-dispatch is event-loop")
    void takeoverKnowsItsEventLoopEndpoints() {
        assertThat(takeover.eventLoopEndpoints()).containsExactlyInAnyOrder("loop", "slowopen");
    }

    @Test
    @DisplayName("the ws Actuator endpoint reports each endpoint's effective dispatch: on the taken-over sockets, and on the servlet upgrade (container threads)")
    void actuatorReportsEffectiveDispatch() {
        Map<String, Map<String, String>> dispatch = endpoint.endpoints().endpoints().stream()
                .collect(Collectors.toMap(EndpointDescriptor::name, EndpointDescriptor::handlerDispatch));
        assertThat(dispatch.get("loop")).containsExactly(Map.entry("servlet-upgrade", "container"), Map.entry("tomcat-socket", "event-loop"));
        assertThat(dispatch.get("slowopen")).containsEntry("tomcat-socket", "event-loop");
        assertThat(dispatch.get("worker")).containsExactly(Map.entry("servlet-upgrade", "container"), Map.entry("tomcat-socket", "worker"));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({DispatchProbes.class, OpenServletApplication.class})
    static class App {

    }
}
