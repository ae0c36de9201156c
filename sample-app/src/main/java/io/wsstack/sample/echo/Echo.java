package io.wsstack.sample.echo;

import io.wsstack.spring.WsHandler;
import org.springframework.stereotype.Component;

/**
 * The echo endpoint at {@code /echo}: every text and binary message comes back unchanged. It is
 * what conformance tools and load generators point at.
 */
@Component
public class Echo {

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
