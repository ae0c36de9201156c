package io.wsstack.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that receives the data messages of an endpoint. The message parameter decides
 * which messages: {@code String} for text, {@code byte[]} or {@link java.nio.ByteBuffer} for
 * binary, any other type for text decoded from JSON. An endpoint has at most one text and one
 * binary handler. The method may also take {@link WsSession}, {@link java.security.Principal} and
 * {@link PathVar} parameters. A returned {@code String} is sent as text, {@code byte[]}/{@code
 * ByteBuffer} as binary, any other object as JSON text; {@code void} or {@code null} sends
 * nothing.
 *
 * <p>A {@code ByteBuffer} parameter is the transport's buffer and is valid only during the call;
 * take {@code byte[]} to keep the data. A text message that is not valid JSON for the parameter
 * type closes the session with 1007 ({@code WsMessageDecodingException}); a message of a kind the
 * endpoint has no handler for closes it with 1003 ({@code WsUnsupportedMessageException}).
 *
 * <p>The annotation goes on a public or package-private method of any Spring bean; the beans are
 * scanned once at startup and every mistake (unknown endpoint, unsupported parameter, two
 * handlers for one message type) fails startup naming the method.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WsHandler {

    /** The endpoint: its name (the {@code NAME} of {@code ws.endpoints.NAME.path}) or its path template. */
    String value();
}
