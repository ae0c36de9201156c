package io.wsstack.e2e;

import io.wsstack.spring.PathTemplate;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsEndpointSettings;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.socket.server.standard.ServerEndpointExporter;

import java.io.IOException;
import java.util.List;

/**
 * An application with two WebSocket stacks: our {@code /echo} endpoint and a {@code spring-websocket}
 * (JSR 356) endpoint at {@code /spring-ws}, registered through Spring's {@link ServerEndpointExporter}
 * and served by the container's own WebSocket support.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
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

    /** Spring Security is on the test class path; this application leaves every path open. */
    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).csrf(csrf -> csrf.disable()).build();
    }

    /** Every application has a servlet at "/" (Spring MVC's DispatcherServlet); containers run filters only for mapped requests. */
    @Bean
    ServletRegistrationBean<HttpServlet> fallbackServlet() {
        return new ServletRegistrationBean<>(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        }, "/");
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
