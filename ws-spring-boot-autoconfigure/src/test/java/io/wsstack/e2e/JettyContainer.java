package io.wsstack.e2e;

import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Runs the test application on Jetty 12.1 (EE 11); its factory bean makes Tomcat's back off. */
@TestConfiguration(proxyBeanMethods = false)
class JettyContainer {

    @Bean
    JettyServletWebServerFactory webServerFactory() {
        return new JettyServletWebServerFactory();
    }
}
