package io.wsstack.autoconfigure.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wsstack.core.deflate.DeflateOptions;
import io.wsstack.e2e.FallbackServlet;
import io.wsstack.spring.PathTemplate;
import io.wsstack.spring.SendBufferOverflowPolicy;
import io.wsstack.spring.WsEndpoint;
import io.wsstack.spring.WsEndpointHandler;
import io.wsstack.spring.WsEndpointRegistry;
import io.wsstack.spring.WsEndpointSettings;
import io.wsstack.spring.WsSession;
import jakarta.servlet.http.HttpServlet;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

/**
 * A running application for the meter end-to-end test: one echo endpoint at {@code /echo}
 * (same-origin only), permessage-deflate on, an in-memory meter registry, on Tomcat.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class MeterEndToEndApplication {

    @Bean
    WsEndpointRegistry wsEndpointRegistry() {
        WsEndpointSettings settings = new WsEndpointSettings("echo", "/echo", List.of(), List.of(), 65_536, 65_536,
                128, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(5), 1 << 20,
                SendBufferOverflowPolicy.CLOSE);
        return new WsEndpointRegistry(List.of(new WsEndpoint(settings, PathTemplate.parse("/echo"), new Echo())));
    }

    @Bean
    DeflateOptions deflateOptions() {
        return DeflateOptions.defaults();
    }

    @Bean
    SimpleMeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    TomcatServletWebServerFactory tomcatFactory() {
        return new TomcatServletWebServerFactory();
    }

    /** A servlet behind the handshake filter: containers run filters only for mapped requests. */
    @Bean
    ServletRegistrationBean<HttpServlet> fallbackServlet() {
        return FallbackServlet.notFoundAtRoot();
    }

    /** Echoes every text and binary message; a text starting with {@value #SLOW} is answered 40 ms late. */
    static final class Echo implements WsEndpointHandler {

        /** The prefix of a text whose handler call takes {@value #SLOW_MILLIS} ms at least. */
        static final String SLOW = "slow:";
        static final long SLOW_MILLIS = 40;

        @Override
        public void onText(WsSession session, String text) {
            if (text.startsWith(SLOW)) {
                try {
                    Thread.sleep(SLOW_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            session.sendText(text);
        }

        @Override
        public void onBinary(WsSession session, ByteBuffer data) {
            session.sendBinary(data);
        }
    }
}
