package io.wsstack.e2e;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The handler-dispatch set on Reactor Netty: {@code ws.reactor-netty.event-loop-endpoints} is the
 * deprecated list, and {@code slowopen} is a worker endpoint ({@code onOpen} runs in the session's
 * order where its other handlers run: on an event-loop endpoint it must not block).
 */
@SpringBootTest(classes = ReactorNettyHandlerDispatchE2eTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ws.endpoints.loop.path=/loop", "ws.endpoints.loop.handler-dispatch=event-loop",
                "ws.endpoints.alias.path=/alias", "ws.reactor-netty.event-loop-endpoints=alias",
                "ws.endpoints.worker.path=/worker", "ws.endpoints.slowopen.path=/slowopen"})
class ReactorNettyHandlerDispatchE2eTest extends AbstractHandlerDispatchE2eTest {

    /** Netty's event-loop threads as Boot's Reactor Netty server names them ("webflux-http-epoll-2", "reactor-http-nio-1"). */
    @Override
    String eventLoopThread() {
        return "(webflux|reactor)-http-[a-z_]+-\\d+";
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
