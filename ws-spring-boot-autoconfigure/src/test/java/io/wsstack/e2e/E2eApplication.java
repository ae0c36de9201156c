package io.wsstack.e2e;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.io.IOException;

/** The smallest application the transport runs in: the shared test endpoints and beans ({@link E2eSharedBeans}), one plain servlet. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(E2eSharedBeans.class)
class E2eApplication {

    /** The servlet request behind the transport-neutral view. */
    @Bean
    E2eSharedBeans.NativeRequestPath nativeRequestPath() {
        return request -> request.unwrap(HttpServletRequest.class).getRequestURI();
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
        return FallbackServlet.notFoundAtRoot();
    }
}
