package io.wsstack.e2e;

import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsHandshakeInterceptor;
import io.wsstack.spring.WsSessionRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.io.IOException;

/** The smallest application the transport runs in: a registry of test endpoints, compression on, one plain servlet. */
@SpringBootConfiguration
@EnableAutoConfiguration
class E2eApplication {

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
            // The transport-neutral view, checked by interceptorRequestView; the servlet request stays reachable.
            request.attributes().put("view", request.path() + "|" + request.queryParam("t") + "|" + request.queryParams().get("t")
                    + "|" + request.headers("X-Tenant") + "|"
                    + (request.unwrap(HttpServletRequest.class).getRequestURI().equals(request.path()) ? "native" : "?"));
            return WsHandshakeInterceptor.Decision.proceed();
        };
    }

    /**
     * Spring Security in front of everything, as in a real application: {@code /secure/**} needs
     * HTTP Basic authentication (user {@code alice}), every other path is open. The handshake filter
     * runs after this chain, so the upgrade is authorized by it and the principal reaches the session.
     */
    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/secure/**").authenticated()
                        .anyRequest().permitAll())
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}secret").roles("USER").build());
    }

    /** A plain HTTP resource, to show that requests to other paths pass the filter untouched. */
    @Bean
    ServletRegistrationBean<HttpServlet> plainServlet() {
        return new ServletRegistrationBean<>(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("text/plain");
                resp.getWriter().print("plain");
            }
        }, "/plain");
    }

    /**
     * The default servlet ("/"), standing in for Spring MVC's DispatcherServlet: a container runs the
     * filter chain only for requests that map to some servlet, so the handshake filter needs one
     * behind it, as every web application has.
     */
    @Bean
    ServletRegistrationBean<HttpServlet> fallbackServlet() {
        return new ServletRegistrationBean<>(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        }, "/");
    }
}
