package io.wsstack.client;

import java.time.Duration;

/**
 * A {@link WsClientListener} that also hears a {@link ReconnectingSession}'s decisions between
 * connections. Give one as the request's listener; a plain {@link WsClientListener} works too and
 * simply does not hear these.
 *
 * <p>The connection events keep their meaning per connection: {@code onOpen} after every (re)connect
 * (resubscribe there: it runs before messages kept while disconnected are sent), {@code onClose} when
 * each connection ends. These two follow {@code onClose}, or a failed attempt, on the client's timer
 * or reader thread.
 */
public interface ReconnectListener extends WsClientListener {

    /** The connection was lost, or an attempt failed, and attempt {@code attempt} starts in {@code delay}. */
    default void onReconnectScheduled(Disconnect cause, int attempt, Duration delay) {
    }

    /** The policy gave up after {@code cause}; the session is over and its kept sends failed. */
    default void onGaveUp(Disconnect cause) {
    }
}
