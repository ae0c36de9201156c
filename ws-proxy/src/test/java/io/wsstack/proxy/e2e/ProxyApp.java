package io.wsstack.proxy.e2e;

import jakarta.servlet.http.HttpServlet;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/** The proxy: the starter plus ws-proxy on Tomcat, with nothing but the routes of its properties. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class ProxyApp {

    @Bean
    RefusalRecorder refusalRecorder() {
        return new RefusalRecorder();
    }

    /** A servlet behind the handshake filter, as every web application has. */
    @Bean
    ServletRegistrationBean<HttpServlet> fallbackServlet() {
        return new ServletRegistrationBean<>(new HttpServlet() { }, "/");
    }
}
