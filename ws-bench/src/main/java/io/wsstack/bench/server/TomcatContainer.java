package io.wsstack.bench.server;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.annotation.Bean;

/**
 * Puts a Boot server on Tomcat 11. Both Tomcat and Jetty are on the harness's one class path, and
 * Boot alone would pick Jetty; a factory of the application's own makes the choice explicit, and
 * Boot's container properties ({@code server.tomcat.*}) still apply to it. Not annotated, so no
 * component scan picks it up; a server adds it as a source.
 */
public class TomcatContainer {

    @Bean
    TomcatServletWebServerFactory tomcatServletWebServerFactory() {
        return new TomcatServletWebServerFactory();
    }
}
