package io.wsstack.e2e;

import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsHandshakeInterceptor;
import io.wsstack.spring.WsSessionRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
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
 * compression, observer, interceptor behaviour and security rules as the servlet one
 * ({@code E2eApplication}), written the WebFlux way.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ReactorNettyE2eApplication {

    @Bean
    WsEndpointRegistry wsEndpointRegistry(ObjectProvider<WsSessionRegistry> sessions) {
        return new WsEndpointRegistry(E2eEndpoints.all(sessions::getObject));
    }

    /** permessage-deflate with the defaults; {@code e2e.deflate.stateless=true} adds server_no_context_takeover. */
    @Bean
    DeflateOptions deflateOptions(@Value("${e2e.deflate.stateless:false}") boolean stateless) {
        return DeflateOptions.builder().serverNoContextTakeover(stateless).build();
    }

    @Bean
    RecordingObserver recordingObserver() {
        return new RecordingObserver();
    }

    /** Refuses with 401 when {@code X-Deny} is present; copies {@code X-Tenant} into the session attributes. */
    @Bean
    WsHandshakeInterceptor tenantInterceptor() {
        return (request, endpoint, pathVariables, attributes) -> {
            if (request.header("X-Deny") != null) {
                return WsHandshakeInterceptor.Decision.refuse(401, "denied by interceptor");
            }
            String tenant = request.header("X-Tenant");
            if (tenant != null) {
                attributes.put("tenant", tenant);
            }
            // The transport-neutral view, checked by interceptorRequestView; the WebFlux exchange stays reachable.
            request.attributes().put("view", request.path() + "|" + request.queryParam("t") + "|" + request.queryParams().get("t")
                    + "|" + request.headers("X-Tenant") + "|"
                    + (request.unwrap(ServerWebExchange.class).getRequest().getPath().value().equals(request.path()) ? "native" : "?"));
            return WsHandshakeInterceptor.Decision.proceed();
        };
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
