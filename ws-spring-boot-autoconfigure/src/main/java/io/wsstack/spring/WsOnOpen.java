package io.wsstack.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method called when a session of an endpoint opens, after the handshake. It may take
 * {@link WsSession}, {@link java.security.Principal} and {@link PathVar} parameters, and its
 * return value is sent like that of a {@link WsHandler} method.
 *
 * <p>The annotation goes on a public or package-private method of any Spring bean; the beans are
 * scanned once at startup and every mistake (unknown endpoint, unsupported parameter, two
 * handlers for one message type) fails startup naming the method.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WsOnOpen {

    /** The endpoint: its name (the {@code NAME} of {@code ws.endpoints.NAME.path}) or its path template. */
    String value();
}
