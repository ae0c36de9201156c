package io.wsstack.e2e;

import jakarta.servlet.http.HttpServlet;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;


/**
 * What a servlet test application without Spring MVC needs so that upgrade requests reach our
 * filter: Spring Security is on the test class path, so every path is opened explicitly, and a
 * servlet is mapped at "/" (a container runs its filter chain only for requests mapped to a
 * servlet; a real application has Spring MVC's DispatcherServlet there). Plain GETs get 404.
 */
@Configuration(proxyBeanMethods = false)
class OpenServletApplication {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    ServletRegistrationBean<HttpServlet> fallbackServlet() {
        return FallbackServlet.notFoundAtRoot();
    }
}
