package io.wsstack.e2e;

import io.wsstack.spring.PathTemplate;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsEndpointSettings;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.socket.server.standard.ServerEndpointExporter;

import java.util.List;

/**
 * An application with two WebSocket stacks: our {@code /echo} endpoint and a {@code spring-websocket}
 * (JSR 356) endpoint at {@code /spring-ws}, registered through Spring's {@link ServerEndpointExporter}
 * and served by the container's own WebSocket support.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(OpenServletApplication.class)
class BesideSpringWebSocketApplication {

    @Bean
    WsEndpointRegistry wsEndpointRegistry() {
        WsEndpointSettings settings = E2eEndpoints.settings("echo", "/echo").build();
        return new WsEndpointRegistry(List.of(new WsEndpoint(settings, PathTemplate.parse("/echo"), new E2eEndpoints.Echo())));
    }

    @Bean
    ServerEndpointExporter serverEndpointExporter() {
        ServerEndpointExporter exporter = new ServerEndpointExporter();
        exporter.setAnnotatedEndpointClasses(SpringSideEndpoint.class);
        return exporter;
    }


    /** The other stack's endpoint: answers every text with a prefix, so a reply shows which stack served it. */
    @ServerEndpoint("/spring-ws")
    public static class SpringSideEndpoint {

        @OnMessage
        public String onMessage(String text) {
            return "jsr356:" + text;
        }
    }
}
