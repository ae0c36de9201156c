package io.wsstack.e2e;

import io.wsstack.spring.transport.TransportDispatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler-dispatch set on Reactor Netty: {@code slowopen} is a worker endpoint ({@code onOpen} runs in the session's
 * order where its other handlers run: on an event-loop endpoint it must not block).
 */
@SpringBootTest(classes = ReactorNettyHandlerDispatchE2eTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ws.endpoints.loop.path=/loop", "ws.endpoints.loop.handler-dispatch=event-loop",
                "ws.endpoints.worker.path=/worker", "ws.endpoints.slowopen.path=/slowopen"})
class ReactorNettyHandlerDispatchE2eTest extends AbstractHandlerDispatchE2eTest {

    /** Every transport the application serves on (no servlet upgrade in a reactive application). */
    @Autowired
    List<TransportDispatch> transports;

    /** Netty's event-loop threads as Boot's Reactor Netty server names them ("webflux-http-epoll-2", "reactor-http-nio-1"). */
    @Override
    String eventLoopThread() {
        return "(webflux|reactor)-http-[a-z_]+-\\d+";
    }

    @Test
    @DisplayName("the transport reports each endpoint's effective dispatch for the ws Actuator endpoint (event-loop or worker)")
    void reportsEffectiveDispatch() {
        assertThat(transports).hasSize(1);
        TransportDispatch netty = transports.get(0);
        assertThat(netty.transport()).isEqualTo("reactor-netty");
        assertThat(netty.inUse()).isTrue();
        assertThat(netty.dispatch("loop")).isEqualTo("event-loop");
        assertThat(netty.dispatch("worker")).isEqualTo("worker");
        assertThat(netty.dispatch("slowopen")).isEqualTo("worker");
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
