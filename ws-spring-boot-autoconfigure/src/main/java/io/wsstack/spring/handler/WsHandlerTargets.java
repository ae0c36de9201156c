package io.wsstack.spring.handler;

/**
 * {@code @WsHandler} values that another module serves, so the server's handler registry leaves
 * those methods alone: ws-spring-boot-client publishes one naming its client endpoints
 * ({@code ws.clients.NAME}). Without it the server would report such a method as naming an
 * endpoint that does not exist.
 */
@FunctionalInterface
public interface WsHandlerTargets {

    /** Whether methods whose {@code @WsHandler} (or {@code @WsOnOpen}, ...) value is {@code target} are this module's. */
    boolean handles(String target);
}
