package io.wsstack.e2e;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Runs the test application on Tomcat 11, Spring Boot's default container. */
@TestConfiguration(proxyBeanMethods = false)
class TomcatContainer {

    @Bean
    TomcatServletWebServerFactory webServerFactory() {
        return new TomcatServletWebServerFactory();
    }
}
