package io.wsstack.client.bomb;

import io.wsstack.spring.WsHandler;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * The starter's echo endpoint on Tomcat, run by {@link CompressedBombTest} in a JVM of its own with
 * a small heap, so that memory exhaustion shows as a failure of that process and not of the tests.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(BombEchoServer.Echo.class)
public class BombEchoServer {

    public static void main(String[] args) {
        SpringApplication.run(BombEchoServer.class, args);
    }

    /** The default servlet, so that the container runs the upgrade filter (it runs filters only for mapped requests). */
    @Bean
    ServletRegistrationBean<HttpServlet> fallbackServlet() {
        return new ServletRegistrationBean<>(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        }, "/");
    }

    @Component
    static class Echo {
        @WsHandler("echo")
        String echo(String text) {
            return text;
        }
    }
}
