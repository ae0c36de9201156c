package io.wsstack.e2e;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * The end-to-end test application as a WebFlux application on Reactor Netty: the same endpoints,
 * compression, observer and interceptor ({@link E2eSharedBeans}) and security rules as the servlet
 * one ({@code E2eApplication}), the security written the WebFlux way.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(E2eSharedBeans.class)
class ReactorNettyE2eApplication {

    /** The WebFlux request behind the transport-neutral view. */
    @Bean
    E2eSharedBeans.NativeRequestPath nativeRequestPath() {
        return request -> request.unwrap(ServerWebExchange.class).getRequest().getPath().value();
    }

    /**
     * Spring Security WebFlux in front of everything: {@code /secure/**} needs HTTP Basic
     * authentication (user {@code alice}), every other path is open. The handshake filter runs after
     * this chain, so the upgrade is authorized by it and the principal reaches the session.
     */
    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
        return http
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/secure/**").authenticated()
                        .anyExchange().permitAll())
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    MapReactiveUserDetailsService users() {
        return new MapReactiveUserDetailsService(User.withUsername("alice").password("{noop}secret").roles("USER").build());
    }

    /** A plain HTTP resource, to show that requests to other paths pass the handshake filter untouched. */
    @Bean
    RouterFunction<ServerResponse> plainRoute() {
        return RouterFunctions.route()
                .GET("/plain", request -> ServerResponse.ok().contentType(org.springframework.http.MediaType.TEXT_PLAIN).bodyValue("plain"))
                .build();
    }
}
