package io.wsstack.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method called when a handler method of an endpoint threw or the transport failed, while
 * the session is being closed (1011 unless the error carries its own close code). Besides the
 * parameters of {@link WsOnOpen} it may take the error as a {@link Throwable} parameter; a
 * narrower type (for example {@code IllegalArgumentException}) means the method is only called
 * for errors of that type. It must return {@code void}.
 *
 * <p>The annotation goes on a public or package-private method of any Spring bean; the beans are
 * scanned once at startup and every mistake (unknown endpoint, unsupported parameter, two
 * handlers for one message type) fails startup naming the method.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WsOnError {

    /** The endpoint: its name (the {@code NAME} of {@code ws.endpoints.NAME.path}) or its path template. */
    String value();
}
