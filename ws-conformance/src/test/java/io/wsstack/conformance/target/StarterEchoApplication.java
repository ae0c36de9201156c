package io.wsstack.conformance.target;

import io.wsstack.spring.WsHandler;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The smallest application on the starter: one endpoint named {@code echo} whose handlers return
 * what they receive, text as text and binary as binary. No component scan, so nothing else in
 * the test sources becomes a bean.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(StarterEchoApplication.Echo.class)
public class StarterEchoApplication {

    /** The echo handlers. */
    public static class Echo {

        /** Text comes back as text. */
        @WsHandler("echo")
        public String text(String message) {
            return message;
        }

        /** Binary comes back as binary. */
        @WsHandler("echo")
        public byte[] binary(byte[] message) {
            return message;
        }
    }
}
