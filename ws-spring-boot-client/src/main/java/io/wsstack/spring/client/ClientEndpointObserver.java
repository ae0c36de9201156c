package io.wsstack.spring.client;

/**
 * Hears what happens to client endpoints, for meters. Calls are cheap and never block; the default
 * observer ignores everything.
 */
public interface ClientEndpointObserver {

    /** Ignores everything. */
    ClientEndpointObserver NONE = new ClientEndpointObserver() {
    };

    /** A connection of {@code endpoint} opened; {@code reconnect} is false for the first one. */
    default void connected(String endpoint, boolean reconnect) {
    }

    /** A connection of {@code endpoint} ended with {@code code}. */
    default void disconnected(String endpoint, int code) {
    }

    /** A message arrived on {@code endpoint}. */
    default void received(String endpoint) {
    }
}
