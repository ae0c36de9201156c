package io.wsstack.spring;

import io.wsstack.core.WsCloseStatus;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method called once when a session of an endpoint ends, however it ended. Besides the
 * parameters of {@link WsOnOpen} it may take the {@link WsCloseStatus}. It must return {@code
 * void}: the session can no longer send.
 *
 * <p>The annotation goes on a public or package-private method of any Spring bean; the beans are
 * scanned once at startup and every mistake (unknown endpoint, unsupported parameter, two
 * handlers for one message type) fails startup naming the method.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WsOnClose {

    /** The endpoint: its name (the {@code NAME} of {@code ws.endpoints.NAME.path}) or its path template. */
    String value();
}
