package io.wsstack.e2e;

import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The end-to-end set on Jetty 12.1 (EE 11): its factory bean makes Tomcat's back off. */
@Import(JettyTransportE2eTest.Jetty.class)
class JettyTransportE2eTest extends AbstractTransportE2eTest {

    /**
     * Jetty 12.1.10 latches the end of a body-less request's input before a servlet upgrade starts
     * the tunnel, so an upgrade request without {@code Content-Length} gets an upgraded input that is
     * already at EOF (see the transport's known issues). Raw clients here send {@code Content-Length: 0}.
     */
    @Override
    String[] upgradeWorkaroundHeaders() {
        return new String[] {"Content-Length: 0"};
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Jetty {
        @Bean
        JettyServletWebServerFactory jettyFactory() {
            return new JettyServletWebServerFactory();
        }
    }
}
