package io.wsstack.spring.handler;

import io.wsstack.spring.WsSession;

/**
 * Produces one argument of a handler method for one event. Chosen once per parameter at startup,
 * so that an invocation is a loop over an array with no reflection or type tests.
 */
@FunctionalInterface
interface ArgumentResolver {

    /**
     * The argument value.
     *
     * @param session the session of the event
     * @param event   the message ({@code String} or {@code ByteBuffer}), the {@code CloseStatus}, the
     *                {@code Throwable}, or {@code null} for an open event
     */
    Object resolve(WsSession session, Object event);
}
