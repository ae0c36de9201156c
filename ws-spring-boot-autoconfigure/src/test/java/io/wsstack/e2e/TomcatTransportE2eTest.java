package io.wsstack.e2e;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The end-to-end set on Tomcat 11, Spring Boot's default container. */
@Import(TomcatTransportE2eTest.Tomcat.class)
class TomcatTransportE2eTest extends AbstractTransportE2eTest {

    /** Tomcat releases a socket closed through the servlet API at its next I/O event. */
    @Override
    boolean dropsIdleSocketAtOnce() {
        return false;
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Tomcat {
        @Bean
        TomcatServletWebServerFactory tomcatFactory() {
            return new TomcatServletWebServerFactory();
        }
    }
}
