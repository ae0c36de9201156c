package io.wsstack.spring.servlet;

import io.wsstack.core.Connection;
import io.wsstack.core.WebSocketListener;
import io.wsstack.core.WebSocketProtocolException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what the engine decodes during one {@code receive} call, to be handed to the application
 * after the engine lock is released.
 *
 * <p>Handlers must not run under the engine lock: a handler that sends to another session (a chat
 * broadcast) while that session's handler sends back to this one would otherwise deadlock. Binary
 * payloads are copied because the engine's buffers are only valid during its callback.
 *
 * <p>After each event meant for the handler (a message or a pong) it pauses the engine
 * ({@link Connection#pauseDecoding()}), so one {@code receive} call yields at most one such event
 * and the handler's answer is queued before the engine reads on. Pings need no pause: the engine
 * answers them itself.
 */
final class InboundEvents implements WebSocketListener {

    /** One decoded event. */
    sealed interface Event permits Text, Binary, Pong, PeerClose, ProtocolError {
    }

    /** A complete text message. */
    record Text(String text) implements Event {
    }

    /** A complete binary message (a private copy). */
    record Binary(ByteBuffer data) implements Event {
    }

    /** A pong (a private copy of its payload). */
    record Pong(ByteBuffer payload) implements Event {
    }

    /** The peer's Close frame; the engine has echoed it if we had not closed yet. */
    record PeerClose(int code, String reason) implements Event {
    }

    /** The peer broke a rule; the engine has already queued its Close frame. */
    record ProtocolError(WebSocketProtocolException error) implements Event {
    }

    private List<Event> pending = new ArrayList<>(4);

    /** Takes the events collected so far, in wire order, and starts a new batch (no allocation when none). */
    List<Event> drain() {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<Event> batch = pending;
        pending = new ArrayList<>(4);
        return batch;
    }

    @Override
    public void onText(Connection connection, String text) {
        pending.add(new Text(text));
        connection.pauseDecoding();
    }

    @Override
    public void onBinary(Connection connection, ByteBuffer data) {
        pending.add(new Binary(copy(data)));
        connection.pauseDecoding();
    }

    @Override
    public void onPong(Connection connection, ByteBuffer payload) {
        pending.add(new Pong(copy(payload)));
        connection.pauseDecoding();
    }

    @Override
    public void onClose(Connection connection, int code, String reason) {
        pending.add(new PeerClose(code, reason));
    }

    @Override
    public void onProtocolError(Connection connection, WebSocketProtocolException error) {
        pending.add(new ProtocolError(error));
    }

    private static ByteBuffer copy(ByteBuffer source) {
        ByteBuffer copy = ByteBuffer.allocate(source.remaining());
        copy.put(source.duplicate()).flip();
        return copy;
    }
}
