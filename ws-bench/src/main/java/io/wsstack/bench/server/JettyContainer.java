package io.wsstack.bench.server;

import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.context.annotation.Bean;

/**
 * Puts a Boot server on Jetty 12.1. The harness runs every server from one class path, on which
 * both Tomcat and Jetty are found (and Boot would pick Jetty on its own); a servlet web server
 * factory of the application's own makes the choice explicit, and Boot's container properties
 * ({@code server.jetty.*}) still apply to it. Not annotated, so no component scan picks it up; a
 * server adds it as a source when it wants Jetty.
 */
public class JettyContainer {

    @Bean
    JettyServletWebServerFactory jettyServletWebServerFactory() {
        return new JettyServletWebServerFactory();
    }
}
