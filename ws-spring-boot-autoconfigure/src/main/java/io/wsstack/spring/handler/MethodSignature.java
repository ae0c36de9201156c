package io.wsstack.spring.handler;

/**
 * What analysing a handler method's parameters produced.
 *
 * @param resolvers   one resolver per parameter, in order
 * @param messageType the message kind of a {@code @WsHandler} method, {@code null} for the other roles
 * @param errorType   the error type an {@code @WsOnError} method accepts ({@code Throwable} when it takes none)
 */
record MethodSignature(ArgumentResolver[] resolvers, MessageType messageType, Class<?> errorType) {
}
